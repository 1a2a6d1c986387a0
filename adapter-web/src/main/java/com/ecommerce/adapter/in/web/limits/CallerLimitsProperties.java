package com.ecommerce.adapter.in.web.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ecommerce.limits.*}: what one caller (a token's subject; an anonymous caller by its address) may ask of one
 * instance under {@code /api/v1}. {@code concurrent-per-caller}: requests in flight at once (default 8);
 * {@code rate-per-caller}: requests per second, sustained (default 50); {@code burst-per-caller}: requests at once
 * after a quiet spell (default 100); {@code enabled}: off, nobody is limited (the race tests, whose hundred requests
 * of one user at once are the point). {@code ADMIN} tokens are never limited. Checked when bound.
 */
@ConfigurationProperties("ecommerce.limits")
public record CallerLimitsProperties(@DefaultValue("true") boolean enabled,
                                     @DefaultValue("8") int concurrentPerCaller,
                                     @DefaultValue("50") int ratePerCaller,
                                     @DefaultValue("100") int burstPerCaller) {

    public CallerLimitsProperties {
        if (concurrentPerCaller < 1) {
            throw new IllegalArgumentException("ecommerce.limits.concurrent-per-caller must be 1 or more, not "
                    + concurrentPerCaller);
        }
        if (ratePerCaller < 1) {
            throw new IllegalArgumentException("ecommerce.limits.rate-per-caller must be 1 or more, not " + ratePerCaller);
        }
        if (burstPerCaller < ratePerCaller) {
            throw new IllegalArgumentException("ecommerce.limits.burst-per-caller must be at least the rate ("
                    + ratePerCaller + "), not " + burstPerCaller);
        }
    }
}
