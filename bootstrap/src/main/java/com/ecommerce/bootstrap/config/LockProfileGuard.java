package com.ecommerce.bootstrap.config;

import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.Arrays;
import java.util.List;

/**
 * Exactly one lock strategy at a time: none given means {@link LockStrategyName#DEFAULT}; two or more, or an
 * unknown {@code lock-*} profile, stop the start-up with a message naming them. This is not wiring (the wiring is
 * {@link LockConfiguration}): it settles which profile is active, which must happen before any configuration is
 * read, and an environment post-processor is Spring's place for that.
 */
public class LockProfileGuard implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> known = LockStrategyName.profiles().stream().sorted().toList();
        List<String> lockProfiles = Arrays.stream(environment.getActiveProfiles())
                .filter(p -> p.startsWith(LockStrategyName.Profiles.PREFIX)).distinct().toList();
        List<String> unknown = lockProfiles.stream().filter(p -> LockStrategyName.ofProfile(p).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Unknown lock profile " + unknown + "; choose one of " + known);
        }
        if (lockProfiles.size() > 1) {
            throw new IllegalStateException("Exactly one lock profile may be active, but " + lockProfiles
                    + " are. Activate one of " + known + " (default: " + LockStrategyName.DEFAULT.profile() + ").");
        }
        if (lockProfiles.isEmpty()) {
            environment.addActiveProfile(LockStrategyName.DEFAULT.profile());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
