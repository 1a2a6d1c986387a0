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
import java.util.concurrent.TimeUnit;
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
 *       holds its locks (a GC pause, a slow network), until the test resumes it or its length runs out. A batch of
 *       combined orders loads its buyers' balances in one call ({@code findPoints}): it stalls when the balance is
 *       among them;</li>
 *   <li>{@code LOCKS}: a lock port the lock calls go to instead of the strategy (a lease test sends its second party
 *       to another instance's locks there).</li>
 * </ul>
 */
@TestConfiguration(proxyBeanMethods = false)
public class FaultInjection {

    public enum Fault { NONE, STALE_READ, UNEXPECTED, LOCKS_UNAVAILABLE }

    public static final AtomicReference<Fault> FAULT = new AtomicReference<>(Fault.NONE);

    /**
     * Stalls, once, the first request that loads the balance of {@code userId} or the stock of {@code itemId}, until
     * {@link #resume} is called or {@code length} has passed.
     */
    public static final class Pause {
        private final long userId;
        private final long itemId;
        private final Duration length;
        private final AtomicBoolean taken = new AtomicBoolean();
        public final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch resumed = new CountDownLatch(1);
        private final CountDownLatch over = new CountDownLatch(1);

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

        /** Ends the stall now. */
        public void resume() {
            resumed.countDown();
        }

        /** Whether the stalled request is inside its stall: reached, neither resumed nor run out. */
        public boolean holding() {
            return reached.getCount() == 0 && over.getCount() == 1;
        }

        void maybe(Collection<Long> users, Collection<Long> items) {
            if ((users.contains(userId) || items.contains(itemId)) && taken.compareAndSet(false, true)) {
                reached.countDown();
                try {
                    resumed.await(length.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    over.countDown();
                }
            }
        }
    }

    public static final AtomicReference<Pause> PAUSE = new AtomicReference<>();

    public static final AtomicReference<LockPort> LOCKS = new AtomicReference<>();

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
                return locks().withLocks(keys, deadline, work);
            }

            @Override
            public void lockInTransaction(LockKeys keys, Deadline deadline) {
                locks().lockInTransaction(keys, deadline);
            }

            @Override
            public boolean holdsLocksOutsideTransaction() {
                return real.holdsLocksOutsideTransaction();
            }

            private LockPort locks() {
                LockPort instead = LOCKS.get();
                return instead == null ? real : instead;
            }
        };
    }
}
