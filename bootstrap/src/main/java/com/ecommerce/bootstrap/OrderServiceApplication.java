package com.ecommerce.bootstrap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Wiring: every use case, store and lock strategy is an explicit {@code @Bean} in {@code bootstrap.config}, one
 * configuration per feature. Only the web adapter is scanned, because Spring MVC finds its package-private
 * controllers and advice that way.
 */
@SpringBootApplication(scanBasePackages = {"com.ecommerce.bootstrap", "com.ecommerce.adapter.in.web"})
public class OrderServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderServiceApplication.class, args);
    }
}
