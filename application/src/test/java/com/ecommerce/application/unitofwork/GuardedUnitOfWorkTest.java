package com.ecommerce.application.unitofwork;

import com.ecommerce.application.idempotency.Admission;
import com.ecommerce.application.idempotency.IdempotentRequest;
import com.ecommerce.application.idempotency.port.in.IdempotencyKey;
import com.ecommerce.application.idempotency.port.out.IdempotencyRecord;
import com.ecommerce.application.testing.ServiceFixture;
import com.ecommerce.application.unitofwork.GuardedUnitOfWork.BatchWrites;
import com.ecommerce.application.unitofwork.GuardedUnitOfWork.Written;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the unit of work puts the idempotency claim: inside the transaction, before the work's first write, so that
 * a duplicate in flight on another instance waits on the store's unique key before it touches a contended row; and
 * the result recorded after the work, in the same transaction.
 */
class GuardedUnitOfWorkTest {

    private static final String SCOPE = "test";
    private static final LockKeys KEYS = LockKeys.of(LockKey.point(7));

    private final ServiceFixture f = new ServiceFixture();

    private IdempotentRequest<Long> request(String key) {
        return new IdempotentRequest<>(SCOPE, 7, new IdempotencyKey(key), "body", result -> result, id -> id);
    }

    private Optional<IdempotencyRecord> record(String key) {
        return f.store.idempotencyRecords.findRecord(SCOPE, 7, key);
    }

    @Test
    void run_claimsTheKeyBeforeTheWorkAndRecordsItsResultAfter() {
        Long result = f.unitOfWork.run(KEYS, request("k-1"), () -> {
            assertThat(record("k-1")).as("claimed before the work runs").hasValueSatisfying(
                    claim -> assertThat(claim.result()).isNull());
            return 42L;
        });

        assertThat(result).isEqualTo(42L);
        assertThat(record("k-1")).hasValueSatisfying(stored -> assertThat(stored.result()).isEqualTo(42L));
    }

    @Test
    void run_locksFirst_thenTakesAConnectionTheLocksHolderNeverWaitsFor() {
        f.lock.acquisitions.clear();

        Long result = f.unitOfWork.run(KEYS, request("k-pool-free"), () -> 1L);

        assertThat(result).isEqualTo(1L);
        assertThat(f.lock.withConnectionInHand).as("a waiter on the lock holds no connection").containsExactly(false);
    }

    @Test
    void run_whenThePoolHasNoConnectionFree_letsTheLocksGo_waitsForOneHoldingNothing_andLocksAgain() {
        f.lock.acquisitions.clear();
        f.store.busyPool = 1;
        int transactions = f.store.transactions;
        AtomicInteger runs = new AtomicInteger();

        Long result = f.unitOfWork.run(KEYS, request("k-pool-busy"), () -> (long) runs.incrementAndGet());

        assertThat(result).isEqualTo(1L);
        assertThat(runs).as("the work ran once, on the connection waited for").hasValue(1);
        assertThat(f.lock.acquisitions).containsExactly(KEYS.asList(), KEYS.asList());
        assertThat(f.lock.withConnectionInHand).as("first without a connection; then with the one waited for")
                .containsExactly(false, true);
        assertThat(f.store.transactions - transactions).as("no transaction opened without a connection").isOne();
        assertThat(record("k-pool-busy")).hasValueSatisfying(stored -> assertThat(stored.result()).isEqualTo(1L));
    }

    @Test
    void run_withLocksInsideTheTransaction_waitsForItsConnectionInsideTheLockCall_holdingNothing() {
        f.lock.acquisitions.clear();
        f.lock.outsideTransaction = false;
        f.store.busyPool = 1;

        Long result = f.unitOfWork.run(KEYS, request("k-row-locks"), () -> 1L);

        assertThat(result).isEqualTo(1L);
        assertThat(f.lock.acquisitions).as("no second round: nothing to let go").containsExactly(KEYS.asList());
        assertThat(f.store.busyPool).as("never asked for a free connection only").isOne();
    }

    @Test
    void run_repeated_isAnsweredFromTheRecordWithoutRunningTheWork() {
        f.unitOfWork.run(KEYS, request("k-2"), () -> 42L);
        int acquisitions = f.lock.acquisitions.size();
        int transactions = f.store.transactions;

        Long again = f.unitOfWork.run(KEYS, request("k-2"), () -> {
            throw new AssertionError("a repeat must not run");
        });

        assertThat(again).isEqualTo(42L);
        assertThat(f.lock.acquisitions).as("answered before any lock").hasSize(acquisitions);
        assertThat(f.store.transactions).as("and without a write transaction").isEqualTo(transactions);
    }

    @Test
    void runBatch_claimsEachMemberAtItsTurn_andAMemberNeverClaimedLeavesNoRecord() {
        Admission<Long> placed = f.idempotency.admit(request("k-3"));
        Admission<Long> refused = f.idempotency.admit(request("k-4"));

        f.unitOfWork.runBatch(KEYS, Deadline.after(Duration.ofSeconds(1)), claims -> {
            assertThat(record("k-3")).as("nothing claimed before the member's turn").isEmpty();
            claims.claim(placed);
            assertThat(record("k-3")).as("claimed at its turn").isPresent();
            return writes(List.of(new Written<>(placed, 5L)));
        });

        assertThat(record("k-3")).hasValueSatisfying(stored -> assertThat(stored.result()).isEqualTo(5L));
        assertThat(record("k-4")).as(refused + " was refused before its turn").isEmpty();
    }

    @Test
    void runBatch_aKeyTakenFirstByAnotherRequest_rollsTheBatchBackAndNamesTheMember() {
        f.unitOfWork.run(KEYS, request("k-5"), () -> 1L);
        Admission<Long> second = f.idempotency.admit(request("k-6"));
        int historyBefore = f.store.points.allHistory().size();
        f.store.idempotencyRecords.addClaim(new IdempotencyRecord(SCOPE, 7, "k-6", "other", 9L,
                ServiceFixture.NOW_STORED));

        assertThatThrownBy(() -> f.unitOfWork.runBatch(KEYS, Deadline.after(Duration.ofSeconds(1)), claims -> {
            claims.claim(second);
            return writes(List.of(new Written<>(second, 6L)));
        })).isInstanceOfSatisfying(GuardedUnitOfWork.ClaimedElsewhere.class,
                claimed -> assertThat(claimed.admission()).isSameAs(second));
        assertThat(f.store.points.allHistory()).hasSize(historyBefore);
        assertThat(record("k-6")).hasValueSatisfying(stored -> assertThat(stored.result()).isEqualTo(9L));
    }

    private static BatchWrites<Long> writes(List<Written<Long>> written) {
        return () -> written;
    }
}
