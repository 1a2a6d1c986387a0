package com.ecommerce.bootstrap.config;

import com.ecommerce.application.point.port.in.ChargePointCommand;
import com.ecommerce.application.point.port.in.ChargePointUseCase;
import com.ecommerce.application.stock.port.in.ListItemsUseCase;
import com.ecommerce.application.stock.port.in.RegisterItemCommand;
import com.ecommerce.application.stock.port.in.RegisterItemUseCase;
import com.ecommerce.application.user.port.in.RegisterUserCommand;
import com.ecommerce.application.user.port.in.RegisterUserUseCase;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.domain.user.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Fills an empty embedded database with a few users and items, through the use cases, so that the API can be
 * tried at once. {@code ecommerce.demo-data}; unset, on for the embedded default only ({@link EmbeddedDatabase}):
 * never demo users with known balances in a real database because a profile was forgotten.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DemoData.Wanted.class)
public class DemoData {

    static final String PROPERTY = "ecommerce.demo-data";

    /** {@code ecommerce.demo-data} when set, else whether the database is the embedded one. */
    static final class Wanted implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Boolean set = context.getEnvironment().getProperty(PROPERTY, Boolean.class);
            return set != null ? set : EmbeddedDatabase.in(context.getEnvironment());
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    /** The loader acts as an administrator: it creates users and items. */
    private static final Actor LOADER = Actor.admin(0);

    @Bean
    ApplicationRunner demoDataLoader(ListItemsUseCase listItems, RegisterUserUseCase registerUser,
                                     ChargePointUseCase chargePoint, RegisterItemUseCase registerItem) {
        return args -> {
            if (listItems.listItems(new PageQuery(0, 1)).totalElements() > 0) {
                return;
            }
            for (String name : new String[]{"kim", "lee", "park"}) {
                long userId = registerUser.register(LOADER, new RegisterUserCommand(name)).userId();
                chargePoint.charge(LOADER, new ChargePointCommand(userId, 50_000, null));
            }
            registerItem.register(LOADER, new RegisterItemCommand("pen", 1_500, 100));
            registerItem.register(LOADER, new RegisterItemCommand("notebook", 4_000, 50));
            registerItem.register(LOADER, new RegisterItemCommand("limited sticker", 500, 1));
            log.info("Demo data loaded: users 1-3 (50,000 points each), items 1-3");
        };
    }
}
