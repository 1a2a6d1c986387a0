package com.ecommerce.adapter.out.persistence;

import com.ecommerce.adapter.out.persistence.lock.PessimisticRowLocks;
import com.ecommerce.adapter.out.persistence.point.PointStoreAdapter;
import com.ecommerce.adapter.out.persistence.stock.ItemStoreAdapter;
import com.ecommerce.adapter.out.persistence.user.UserStoreAdapter;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;
import com.ecommerce.domain.user.User;
import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SessionImplementor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PessimisticRowLocks} on a real database, each transaction on its own thread and connection: rows locked
 * through JPA's pessimistic lock mode, without an entity in the persistence context, and a lock held elsewhere
 * given up after the wait that was asked. A subclass names the database.
 */
@SpringBootTest(classes = {JpaTestApplication.class, PessimisticRowLocksContractTest.SentStatements.class}, properties = {
        "spring.data.jpa.repositories.enabled=false",
        "spring.jpa.open-in-view=false",
        "spring.jpa.hibernate.ddl-auto=validate",
        "spring.jpa.properties.hibernate.type.preferred_instant_jdbc_type=TIMESTAMP",
        "spring.jpa.properties.hibernate.connection.provider_disables_autocommit=true",
        "spring.jpa.properties.hibernate.query.in_clause_parameter_padding=true",
        "spring.datasource.hikari.auto-commit=false",
        "spring.datasource.hikari.maximum-pool-size=4",
        "spring.flyway.locations=classpath:db/migration/common,classpath:db/migration/{vendor}"})
abstract class PessimisticRowLocksContractTest {

    /** Every statement the connections are asked to run, in order, as the database receives it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SentStatements {

        static final List<String> SQL = RecordedStatements.SQL;

        @Bean
        static BeanPostProcessor recordedStatements() {
            return RecordedStatements.aroundTheDataSource();
        }
    }

    @Autowired
    private EntityManager em;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private UserStoreAdapter users;
    @Autowired
    private PointStoreAdapter points;
    @Autowired
    private ItemStoreAdapter items;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** The wait statement this database takes, as {@link PessimisticRowLocks} sends it for a wait of one second. */
    protected abstract String oneSecondWaitStatement();

    @Test
    void lock_setsTheSessionWaitWhenItChangesThenSendsOneLockingSelectOfTheRowsInAscendingOrder() {
        long first = newUserWithBalance();
        long second = newUserWithBalance();
        List<LockKey> keys = List.of(LockKey.point(first), LockKey.point(second));
        PessimisticRowLocks rows = new PessimisticRowLocks(em);
        String lockingSelect = "select user_id, balance, version from point_balance where user_id in \\(\\?, \\?\\) "
                + "order by user_id for update";

        List<List<String>> sent = inTransaction(() -> {
            assertThat(rows.lock(keys, Duration.ofSeconds(2))).isTrue(); // the session's wait is now two seconds
            SentStatements.SQL.clear();
            assertThat(rows.lock(keys, Duration.ofSeconds(1))).isTrue();
            List<String> changed = List.copyOf(SentStatements.SQL);
            SentStatements.SQL.clear();
            assertThat(rows.lock(keys, Duration.ofSeconds(1))).isTrue();
            return List.of(changed, List.copyOf(SentStatements.SQL));
        });

        List<String> waitChanged = sent.getFirst().stream().map(String::toLowerCase).toList();
        assertThat(waitChanged).hasSize(2);
        assertThat(waitChanged.getFirst()).isEqualToIgnoringCase(oneSecondWaitStatement());
        System.out.printf("[row locks] sent:%n  %s%n  %s%n", waitChanged.getFirst(), waitChanged.getLast());
        assertThat(waitChanged.getLast()).matches(lockingSelect);
        List<String> sameWait = sent.getLast().stream().map(String::toLowerCase).toList();
        assertThat(sameWait).as("the same wait again: the session has it").hasSize(1);
        assertThat(sameWait.getFirst()).matches(lockingSelect);
    }

    @Test
    void lock_handsTheRowsItReadToTheStoresNextReadOfThemOnce() {
        long userId = newUserWithBalance();
        long itemId = newItemWithStock();
        PessimisticRowLocks rows = new PessimisticRowLocks(em);

        List<Integer> statements = inTransaction(() -> {
            assertThat(rows.lock(List.of(LockKey.itemStock(itemId)), Duration.ofSeconds(1))).isTrue();
            assertThat(rows.lock(List.of(LockKey.point(userId)), Duration.ofSeconds(1))).isTrue();
            SentStatements.SQL.clear();
            ItemStock stock = items.findStocks(List.of(itemId)).getFirst();
            Point point = points.findPoints(List.of(userId)).getFirst();
            assertThat(stock.quantity()).isEqualTo(1);
            assertThat(point.balance()).isZero();
            int handedOver = SentStatements.SQL.size();
            // handed out once: a second read asks the database, and so does a read after the transaction's write
            assertThat(items.findStock(itemId).orElseThrow().version()).isEqualTo(stock.version());
            int readAgain = SentStatements.SQL.size() - handedOver;
            items.updateStock(ItemStock.reconstitute(itemId, 0, stock.version()));
            SentStatements.SQL.clear();
            assertThat(items.findStock(itemId).orElseThrow().quantity()).isZero();
            return List.of(handedOver, readAgain, SentStatements.SQL.size());
        });

        assertThat(statements).containsExactly(0, 1, 1);
        // the rows belong to the transaction that locked them
        SentStatements.SQL.clear();
        assertThat(inTransaction(() -> points.findPoint(userId)).orElseThrow().userId()).isEqualTo(userId);
        assertThat(SentStatements.SQL).hasSize(1);
    }

    @Test
    void lock_putsNoEntityInThePersistenceContext() {
        long itemId = newItemWithStock();
        PessimisticRowLocks rows = new PessimisticRowLocks(em);

        int managed = inTransaction(() -> {
            assertThat(rows.lock(List.of(LockKey.itemStock(itemId)), Duration.ofSeconds(1))).isTrue();
            return em.unwrap(SessionImplementor.class).getPersistenceContext().getNumberOfManagedEntities();
        });

        assertThat(managed).isZero();
    }

    @Test
    void lock_whenARowIsHeldByAnotherTransaction_returnsFalseAfterTheWaitAndTrueOnceItIsReleased() throws Exception {
        long itemId = newItemWithStock();
        List<LockKey> keys = List.of(LockKey.itemStock(itemId));
        PessimisticRowLocks rows = new PessimisticRowLocks(em);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Boolean> holder = threads.submit(() -> inTransaction(() -> {
            boolean locked = rows.lock(keys, Duration.ofSeconds(1));
            held.countDown();
            await(release);
            return locked;
        }));
        try {
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();

            boolean granted = threads.submit(() -> inTransaction(() -> rows.lock(keys, Duration.ofSeconds(1))))
                    .get(30, TimeUnit.SECONDS);

            long waitedMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(granted).isFalse();
            // the database waits the whole second from the locking select, which starts after this clock; past it,
            // a new transaction's connection and session wait before, the rollback after (36-163 ms measured)
            assertThat(waitedMs).as("ms until a 1 s row wait gave up").isBetween(1_000L, 1_500L);
            System.out.println("[row locks] a held row given up after " + waitedMs + " ms");
        } finally {
            release.countDown();
        }
        assertThat(holder.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threads.submit(() -> inTransaction(() -> rows.lock(keys, Duration.ofSeconds(1))))
                .get(10, TimeUnit.SECONDS)).isTrue();
    }

    private <T> T inTransaction(Supplier<T> work) {
        return new TransactionTemplate(transactionManager).execute(status -> work.get());
    }

    private long newUserWithBalance() {
        return inTransaction(() -> {
            long userId = users.addUser(User.create("row lock")).id();
            points.addPoint(Point.openFor(userId));
            return userId;
        });
    }

    private long newItemWithStock() {
        return inTransaction(() -> {
            long itemId = items.addItem(Item.create("row lock", 1)).id();
            items.addStock(ItemStock.reconstitute(itemId, 1, 0));
            return itemId;
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the holder finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
