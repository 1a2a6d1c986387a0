package com.ecommerce.adapter.out.lock.support;

import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LockProperties.class)
public class LockSupportConfiguration {

    /** {@code /actuator/info} names the strategy actually wired, not the one configured. */
    @Bean
    InfoContributor lockInfo(LockStrategy strategy, LockProperties properties) {
        return builder -> {
            Map<String, Object> lock = new LinkedHashMap<>();
            lock.put("strategy", strategy.strategyName());
            lock.put("waitTimeout", properties.waitTimeout().toString());
            lock.put("leaseTime", properties.leaseTime().toString());
            builder.withDetail("lock", lock);
        };
    }
}
