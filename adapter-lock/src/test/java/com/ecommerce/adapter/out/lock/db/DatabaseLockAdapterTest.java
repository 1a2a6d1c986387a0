package com.ecommerce.adapter.out.lock.db;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockTimeoutException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strategy's own part of lock-db, against recorded row locks; the rows themselves are proven on MariaDB. */
class DatabaseLockAdapterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<LockKey> locked = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private final List<List<LockKey>> calls = new ArrayList<>();

    private DatabaseLockAdapter adapter(DatabaseLockAdapter.RowLocks rows) {
        return new DatabaseLockAdapter(rows, new LockMetrics(registry, "db"));
    }

    @Test
    void lockInTransaction_locksEveryRowInTheOrderGiven_eachWithWhatIsLeftOfOneBudget() {
        DatabaseLockAdapter adapter = adapter((keys, wait) -> {
            locked.addAll(keys);
            calls.add(List.copyOf(keys));
            waits.add(wait);
            return true;
        });
        LockKeys ordered = LockKeys.of(LockKey.point(9), LockKey.itemStock(2), LockKey.itemStock(1));

        adapter.lockInTransaction(ordered, Deadline.after(Duration.ofSeconds(2)));

        assertThat(locked).containsExactly(LockKey.point(9), LockKey.itemStock(1), LockKey.itemStock(2));
        assertThat(calls).as("one call per resource type").containsExactly(
                List.of(LockKey.point(9)), List.of(LockKey.itemStock(1), LockKey.itemStock(2)));
        assertThat(waits).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(2)).isPositive());
        assertThat(waits).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(registry.get("ecommerce.lock.wait").tag("outcome", "acquired").timer().count()).isEqualTo(1);
    }

    @Test
    void lockInTransaction_whenARowIsNotGranted_stopsThereAndTimesOut() {
        DatabaseLockAdapter adapter = adapter((keys, wait) -> {
            locked.addAll(keys);
            return !keys.contains(LockKey.itemStock(2));
        });
        LockKeys ordered = LockKeys.of(LockKey.point(9), LockKey.itemStock(1), LockKey.itemStock(2));

        assertThatThrownBy(() -> adapter.lockInTransaction(ordered, Deadline.after(Duration.ofMillis(300))))
                .isInstanceOf(LockTimeoutException.class);
        assertThat(locked).containsExactly(LockKey.point(9), LockKey.itemStock(1), LockKey.itemStock(2));
        assertThat(registry.get("ecommerce.lock.failures").tag("reason", "timeout").counter().count()).isEqualTo(1);
    }

    @Test
    void lockInTransaction_whenTheBudgetIsSpentBeforeItStarts_asksForNoRow() {
        DatabaseLockAdapter adapter = adapter((keys, wait) -> locked.addAll(keys));

        assertThatThrownBy(() -> adapter.lockInTransaction(LockKeys.of(List.of(LockKey.point(1))), Deadline.after(Duration.ZERO)))
                .isInstanceOf(LockTimeoutException.class);
        assertThat(locked).isEmpty();
    }

    @Test
    void withLocks_runsTheWorkAndMeasuresTheHoldFromTheRowsToItsEnd() {
        DatabaseLockAdapter adapter = adapter((keys, wait) -> true);

        String result = adapter.withLocks(LockKeys.of(List.of(LockKey.point(1))), Deadline.after(Duration.ofSeconds(1)), () -> {
            adapter.lockInTransaction(LockKeys.of(List.of(LockKey.point(1))), Deadline.after(Duration.ofSeconds(1)));
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(registry.get("ecommerce.lock.hold").timer().count()).isEqualTo(1);
    }
}
