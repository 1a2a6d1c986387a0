package com.ecommerce.adapter.out.lock.optimistic;

import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Configuration(proxyBeanMethods = false)
@Profile("lock-optimistic")
public class OptimisticLockConfiguration {

    @Bean
    LockStrategy optimisticLockAdapter(LockProperties properties, MeterRegistry registry) {
        return new OptimisticLockAdapter(properties.optimistic(), registry);
    }
}
