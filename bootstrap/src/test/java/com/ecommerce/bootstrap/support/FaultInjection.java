package com.ecommerce.bootstrap.support;

import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.adapter.out.persistence.point.PointStoreAdapter;
import com.ecommerce.adapter.out.persistence.stock.ItemStoreAdapter;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.stock.port.out.ItemStorePort;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockPort;
import com.ecommerce.domain.lock.LockUnavailableException;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Faults for the error-contract tests, injected around the real adapters (which still do all the work):
 * <ul>
 *   <li>{@code STALE_READ}: right after the service loads a balance, another connection commits a write to that row
 *       (what a writer holding a lost lock would do), so the service's version-checked update must fail;</li>
 *   <li>{@code UNEXPECTED}: loading a balance throws an unforeseen exception;</li>
 *   <li>{@code LOCKS_UNAVAILABLE}: the lock service refuses to grant locks;</li>
 *   <li>a {@link Pause}: the request that loads a given balance or stock stalls right after the load, while it
 *       holds its locks (a GC pause, a slow network), long enough for a lease to expire. A batch of combined orders
 *       loads its buyers' balances in one call ({@code findPoints}): it stalls when the balance is among them.</li>
 * </ul>
 */
@TestConfiguration(proxyBeanMethods = false)
public class FaultInjection {

    public enum Fault { NONE, STALE_READ, UNEXPECTED, LOCKS_UNAVAILABLE }

    public static final AtomicReference<Fault> FAULT = new AtomicReference<>(Fault.NONE);

    /** Stalls, once, the first request that loads the balance of {@code userId} or the stock of {@code itemId}. */
    public static final class Pause {
        private final long userId;
        private final long itemId;
        private final Duration length;
        private final AtomicBoolean taken = new AtomicBoolean();
        public final CountDownLatch reached = new CountDownLatch(1);

        private Pause(long userId, long itemId, Duration length) {
            this.userId = userId;
            this.itemId = itemId;
            this.length = length;
        }

        public static Pause afterBalanceLoad(long userId, Duration length) {
            return new Pause(userId, -1, length);
        }

        public static Pause afterStockLoad(long itemId, Duration length) {
            return new Pause(-1, itemId, length);
        }

        void maybe(Collection<Long> users, Collection<Long> items) {
            if ((users.contains(userId) || items.contains(itemId)) && taken.compareAndSet(false, true)) {
                reached.countDown();
                try {
                    Thread.sleep(length.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    public static final AtomicReference<Pause> PAUSE = new AtomicReference<>();

    private static void pauseIfAsked(Collection<Long> userIds, Collection<Long> itemIds) {
        Pause pause = PAUSE.get();
        if (pause != null) {
            pause.maybe(userIds, itemIds);
        }
    }

    /** The ids of a {@code find...(id)} or {@code find...s(ids)} call. */
    @SuppressWarnings("unchecked")
    private static Collection<Long> ids(Object arg) {
        return arg instanceof Collection<?> ids ? (Collection<Long>) ids : List.of((Long) arg);
    }

    /** The real store, with {@code findPoint} and {@code findStock(s)} intercepted; every other call passes through. */
    @SuppressWarnings("unchecked")
    private static <P> P intercepting(Class<P> port, P real, String prefix, BiFunction<Method, Object[], Object> around) {
        return (P) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, (proxy, method, args) -> {
            if (method.getName().startsWith(prefix)) {
                return around.apply(method, args);
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private static Object call(Method method, Object target, Object[] args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Bean
    @Primary
    PointStorePort faultyPointStore(PointStoreAdapter real, DataSource dataSource) {
        return intercepting(PointStorePort.class, real, "findPoint", (method, args) -> {
            Collection<Long> userIds = ids(args[0]);
            Fault fault = FAULT.get();
            if (fault == Fault.UNEXPECTED) {
                throw new IllegalStateException("injected: secret table xyz_internal exploded");
            }
            Object loaded = call(method, real, args);
            if (fault == Fault.STALE_READ) {
                userIds.forEach(userId -> bumpVersionElsewhere(dataSource, userId));
            }
            pauseIfAsked(userIds, List.of());
            return loaded;
        });
    }

    @Bean
    @Primary
    ItemStorePort pausingItemStore(ItemStoreAdapter real) {
        return intercepting(ItemStorePort.class, real, "findStock", (method, args) -> {
            Object loaded = call(method, real, args);
            pauseIfAsked(List.of(), ids(args[0]));
            return loaded;
        });
    }

    private static void bumpVersionElsewhere(DataSource dataSource, long userId) {
        // a connection of its own, outside the service's transaction, committed at once
        try (Connection other = dataSource.getConnection();
             PreparedStatement update = other.prepareStatement(
                     "update point_balance set version = version + 1 where user_id = ?")) {
            other.setAutoCommit(true);
            update.setLong(1, userId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Bean
    @Primary
    LockPort faultyLockPort(LockStrategy real) {
        return new LockPort() {
            @Override
            public <T> T withLocks(LockKeys keys, Deadline deadline, Supplier<T> work) {
                if (FAULT.get() == Fault.LOCKS_UNAVAILABLE) {
                    throw new LockUnavailableException("injected: no quorum", null);
                }
                return real.withLocks(keys, deadline, work);
            }

            @Override
            public void lockInTransaction(LockKeys keys, Deadline deadline) {
                real.lockInTransaction(keys, deadline);
            }
        };
    }
}
