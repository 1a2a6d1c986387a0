package com.ecommerce.adapter.in.web;

import com.ecommerce.adapter.in.web.security.CallableBy;
import com.ecommerce.domain.user.Actor;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The OpenAPI document's security: one HTTP bearer scheme (JWT), and per operation who may call it, read from the
 * controller's {@link CallableBy}: public operations declare no security, the others the bearer scheme, and each
 * says in its description and in {@code x-callable-by} whose token it takes.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    public static final String BEARER_SCHEME = "bearer";
    public static final String CALLABLE_BY_EXTENSION = "x-callable-by";

    static {
        // the actor comes from the verified token, not from the request's parameters
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Bean
    OpenApiCustomizer bearerScheme() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSecuritySchemes(BEARER_SCHEME, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                    .description("A JWT whose `sub` is the caller's user id and whose `roles` may hold `ADMIN`; "
                            + "signed with the configured HMAC key (HS256) or by the configured identity provider."));
        };
    }

    @Bean
    OperationCustomizer callableBy() {
        return (operation, handlerMethod) -> {
            CallableBy callableBy = handlerMethod.getMethodAnnotation(CallableBy.class);
            if (callableBy == null) {
                return operation;
            }
            String who = "Who may call: " + callableBy.value().description();
            String description = operation.getDescription();
            operation.setDescription(description == null ? who : description + "\n\n" + who);
            operation.addExtension(CALLABLE_BY_EXTENSION, callableBy.value().name());
            operation.setSecurity(callableBy.value().needsToken()
                    ? List.of(new SecurityRequirement().addList(BEARER_SCHEME)) : List.of());
            return operation;
        };
    }
}
