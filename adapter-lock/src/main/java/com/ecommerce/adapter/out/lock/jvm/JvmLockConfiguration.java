package com.ecommerce.adapter.out.lock.jvm;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Configuration(proxyBeanMethods = false)
@Profile("lock-jvm")
public class JvmLockConfiguration {

    @Bean
    LockStrategy jvmLockAdapter(LockProperties properties, MeterRegistry registry) {
        return new JvmLockAdapter(properties.jvm().fair(), new LockMetrics(registry, "jvm"));
    }
}
