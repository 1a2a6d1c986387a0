package com.ecommerce.bootstrap.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.env.Environment;


/**
 * Points, {@code ecommerce.points.*}.
 * <ul>
 *   <li>{@code self-charge}: may users credit their own balance directly ({@code POST .../points/charge} with their
 *       own token)? Unset, it is on for the embedded default ({@link EmbeddedDatabase}: the demo, where nobody
 *       pays) and off on a real database, where users add points through a payment and a direct charge is the back
 *       office's credit ({@code ADMIN}). Set, it is what it says on either.</li>
 * </ul>
 */
@ConfigurationProperties("ecommerce.points")
public record PointProperties(Boolean selfCharge) {

    /** {@code self-charge}, or its default for this environment when unset. */
    public boolean selfChargeIn(Environment environment) {
        if (selfCharge != null) {
            return selfCharge;
        }
        return EmbeddedDatabase.in(environment);
    }
}
