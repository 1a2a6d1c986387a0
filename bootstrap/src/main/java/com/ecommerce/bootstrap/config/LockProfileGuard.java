package com.ecommerce.bootstrap.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Exactly one lock strategy at a time: none given means {@code lock-jvm}; two or more stop the start-up with a
 * message naming them. Runs after the profiles from the command line and the config files are known.
 */
public class LockProfileGuard implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULT_PROFILE = "lock-jvm";
    static final Set<String> KNOWN = Set.of("lock-jvm", "lock-db", "lock-redis", "lock-redlock", "lock-optimistic",
            "lock-zookeeper");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> lockProfiles = Arrays.stream(environment.getActiveProfiles())
                .filter(p -> p.startsWith("lock-")).distinct().toList();
        List<String> unknown = lockProfiles.stream().filter(p -> !KNOWN.contains(p)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Unknown lock profile " + unknown + "; choose one of " + KNOWN.stream().sorted().toList());
        }
        if (lockProfiles.size() > 1) {
            throw new IllegalStateException("Exactly one lock profile may be active, but " + lockProfiles
                    + " are. Activate one of " + KNOWN.stream().sorted().toList() + " (default: " + DEFAULT_PROFILE + ").");
        }
        if (lockProfiles.isEmpty()) {
            environment.addActiveProfile(DEFAULT_PROFILE);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
