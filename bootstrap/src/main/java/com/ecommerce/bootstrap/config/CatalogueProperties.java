package com.ecommerce.bootstrap.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The public catalogue's reads ({@code GET /api/v1/items} and {@code /items/{itemId}}, which anyone may send),
 * {@code ecommerce.catalogue.*}.
 * <ul>
 *   <li>{@code concurrent-reads} (default 8, of a pool of 20): how many run at once; the others wait their turn up
 *       to the pool's connection wait, then answer {@code 503 DATABASE_UNAVAILABLE}. The writers keep the rest of
 *       the pool however many readers arrive.</li>
 *   <li>{@code count-ttl} (default {@code 1s}; {@code 0s} counts every time): how long the list's
 *       {@code totalElements} is reused. A registration on this instance shows at once; another instance's within
 *       this time.</li>
 * </ul>
 */
@ConfigurationProperties("ecommerce.catalogue")
public record CatalogueProperties(@DefaultValue("8") int concurrentReads, @DefaultValue("1s") Duration countTtl) {

    public CatalogueProperties {
        if (concurrentReads < 1) {
            throw new IllegalArgumentException("ecommerce.catalogue.concurrent-reads must be 1 or more, got "
                    + concurrentReads);
        }
        if (countTtl.isNegative()) {
            throw new IllegalArgumentException("ecommerce.catalogue.count-ttl must not be negative, got " + countTtl);
        }
    }
}
