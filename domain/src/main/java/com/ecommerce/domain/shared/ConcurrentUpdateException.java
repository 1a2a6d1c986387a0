package com.ecommerce.domain.shared;

import java.util.Map;

/**
 * The version fence caught a write based on a stale read: some other writer changed the row after it was
 * loaded. This happens when a lock was lost (lease expired, failover) or under the optimistic strategy. The
 * whole transaction is rolled back, so the request had no effect and may be retried.
 */
public class ConcurrentUpdateException extends DomainException {

    public ConcurrentUpdateException(String resource) {
        this(resource, null);
    }

    public ConcurrentUpdateException(String resource, Throwable cause) {
        super(ErrorCode.CONCURRENT_UPDATE, resource + " was changed concurrently; the request had no effect, retry it",
                Map.of(), cause);
    }
}
