package com.ecommerce.adapter.out.lock.zookeeper;

import com.ecommerce.adapter.out.lock.support.AbstractLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockUnavailableException;
import com.ecommerce.domain.lock.LockKeys;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessLock;
import org.apache.curator.framework.recipes.locks.InterProcessMultiLock;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.state.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Apache Curator's {@link InterProcessMutex} per key (ephemeral sequential znodes: the lock lives exactly as long as
 * the client's session), several keys through {@link InterProcessMultiLock} built in key order (it acquires in list
 * order and releases what it took on failure).
 *
 * <p>A lost session ({@code LOST}) deletes the lock's znode, so another client may take it while this one still
 * works. Two defences: the work does not start unless the connection is up (a reconnect in progress is waited for
 * within the wait timeout, none by then is {@code LOCK_UNAVAILABLE}), and a session lost during the work is
 * counted as a lost lock; the version check then refuses the late holder's write ({@code CONCURRENT_UPDATE}).
 */
public class ZooKeeperLockAdapter extends AbstractLockAdapter {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperLockAdapter.class);

    private final CuratorFramework client;
    private final String basePath;
    /** Bumped on every SUSPENDED or LOST: a holder that sees it change knows its lock may be gone. */
    private final AtomicLong interruptions = new AtomicLong();

    public ZooKeeperLockAdapter(CuratorFramework client, String basePath, LockMetrics metrics) {
        super(metrics);
        this.client = client;
        this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        client.getConnectionStateListenable().addListener((c, state) -> {
            if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
                interruptions.incrementAndGet();
                log.warn("ZooKeeper connection {}: locks held now may be lost; the version check guards writes", state);
            }
        });
    }

    @Override
    public LockStrategyName strategy() {
        return LockStrategyName.ZOOKEEPER;
    }

    @Override
    protected Held acquire(LockKeys keys, Deadline deadline) {
        awaitConnection(deadline);
        List<InterProcessLock> mutexes = keys.asList().stream()
                .map(k -> (InterProcessLock) new InterProcessMutex(client, basePath + "/" + k.asString())).toList();
        InterProcessLock lock = mutexes.size() == 1 ? mutexes.getFirst() : new InterProcessMultiLock(mutexes);
        long epoch = interruptions.get();
        boolean acquired;
        try {
            acquired = lock.acquire(deadline.remaining(TimeUnit.MILLISECONDS), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw deadline.exceeded(keys, e);
        } catch (Exception e) {
            throw new LockUnavailableException("ZooKeeper did not grant the lock: " + e.getClass().getSimpleName(), e);
        }
        if (!acquired) {
            if (!client.getZookeeperClient().isConnected()) {
                throw new LockUnavailableException("ZooKeeper connection lost while waiting", null);
            }
            throw deadline.exceeded(keys);
        }
        return () -> release(lock, keys, epoch);
    }

    /** A reconnect in progress is waited for, by the deadline; no connection by then is LOCK_UNAVAILABLE. */
    private void awaitConnection(Deadline deadline) {
        if (client.getZookeeperClient().isConnected()) {
            return;
        }
        try {
            if (client.blockUntilConnected((int) Math.max(1, deadline.remaining(TimeUnit.MILLISECONDS)),
                    TimeUnit.MILLISECONDS)
                    && client.getZookeeperClient().isConnected()) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new LockUnavailableException("ZooKeeper is not connected", null);
    }

    private void release(InterProcessLock lock, LockKeys keys, long epoch) {
        if (interruptions.get() != epoch) {
            metrics.lost();
            log.warn("The ZooKeeper connection was interrupted while {} was held", keys);
        }
        try {
            lock.release();
        } catch (IllegalMonitorStateException e) {
            metrics.lost();
        } catch (Exception e) {
            log.warn("Could not release {} ({}); its session's end removes it", keys, e.getMessage());
        }
    }
}
