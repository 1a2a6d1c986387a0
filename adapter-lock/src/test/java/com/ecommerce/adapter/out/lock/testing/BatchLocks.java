package com.ecommerce.adapter.out.lock.testing;

import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockTimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch's key set, and what an adapter that takes a whole set in one round trip must do when one of its keys is
 * held by another instance: take none of the others, checked on the server.
 */
public abstract class BatchLocks {

    private final Supplier<LockStrategy> holder;
    private final Supplier<LockStrategy> waiter;
    private final Predicate<LockKey> isHeld;

    /**
     * {@code holder} and {@code waiter} make new adapters as two instances would have them; {@code isHeld} asks the
     * server whether it holds a lock on a key now.
     */
    protected BatchLocks(Supplier<LockStrategy> holder, Supplier<LockStrategy> waiter, Predicate<LockKey> isHeld) {
        this.holder = holder;
        this.waiter = waiter;
        this.isHeld = isHeld;
    }

    /** The keys of {@code keys} held on the server now. */
    protected final List<LockKey> held(LockKeys keys) {
        return keys.asList().stream().filter(isHeld).toList();
    }

    /** Thirty buyers' balances and an item, fresh per call. */
    public static LockKeys ofThirtyBuyers() {
        long base = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        List<LockKey> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            keys.add(LockKey.point(base + i));
        }
        keys.add(LockKey.itemStock(base));
        return LockKeys.of(keys);
    }

    @Test
    void aSetWithOneKeyHeld_takesNoneOfItsOtherKeys_untilThatKeyIsFree() throws Exception {
        LockStrategy holder = this.holder.get();
        LockStrategy waiter = this.waiter.get();
        LockKeys batch = ofThirtyBuyers();
        LockKeys oneOfThem = LockKeys.of(batch.asList().get(17));
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch giveBack = new CountDownLatch(1);

        CompletableFuture<Void> held = CompletableFuture.runAsync(() -> holder.withLocks(oneOfThem,
                Deadline.after(Duration.ofSeconds(2)), () -> {
                    order.add("one key holds");
                    holding.countDown();
                    await(giveBack);
                    order.add("one key gives back");
                    return null;
                }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> waiter.withLocks(batch,
                Deadline.after(Duration.ofSeconds(5)), () -> {
                    order.add("batch holds");
                    return null;
                }));
        Thread.sleep(300);
        assertThat(waiting).as("the batch, while one of its keys is held").isNotDone();
        assertThat(held(batch)).as("keys of the batch held while it waits")
                .containsExactlyElementsOf(oneOfThem.asList());

        giveBack.countDown();
        held.get(10, TimeUnit.SECONDS);
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("one key holds", "one key gives back", "batch holds");
        assertThat(held(batch)).as("keys of the batch held after it").isEmpty();
    }

    @Test
    void aSetThatTimesOutOnOneHeldKey_leavesItsOtherKeysFree() {
        LockStrategy holder = this.holder.get();
        LockStrategy waiter = this.waiter.get();
        LockKeys batch = ofThirtyBuyers();
        LockKeys oneOfThem = LockKeys.of(batch.asList().getLast());

        holder.withLocks(oneOfThem, Deadline.after(Duration.ofSeconds(2)), () -> {
            assertThatThrownBy(() -> waiter.withLocks(batch, Deadline.after(Duration.ofMillis(300)), () -> "in"))
                    .isInstanceOf(LockTimeoutException.class);
            assertThat(held(batch)).as("keys of the batch held after its wait")
                    .containsExactlyElementsOf(oneOfThem.asList());
            return null;
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
