package com.ecommerce.adapter.out.lock.redis;

import org.redisson.api.RedissonClient;

import java.util.List;

/** The independent masters of {@code lock-redlock}, one client each; shut down with the context. */
public record RedLockNodes(List<RedissonClient> clients) {

    public RedLockNodes {
        clients = List.copyOf(clients);
    }

    public void shutdown() {
        clients.forEach(RedissonClient::shutdown);
    }

    /** How many masters answer a probe now. */
    public int reachable() {
        return RedLockAdapter.reachable(clients);
    }
}
