package com.ecommerce.adapter.out.lock.etcd;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.testing.BatchLocks;
import com.ecommerce.adapter.out.lock.testing.EtcdProcess;
import com.ecommerce.adapter.out.lock.testing.TestEtcd;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a batch's locks cost on a real etcd (a process of this test's own, so that nobody else's calls are counted),
 * counted by etcd itself (the unary gRPC calls it handled, from its {@code /metrics}): thirty buyers' balances and an
 * item, 31 keys, are taken in one transaction and given back in one more. A set with one key held elsewhere takes
 * none of its other keys while it waits, nor after a wait that times out, and takes them all once that key is free
 * ({@link BatchLocks}).
 */
class EtcdBatchRoundTripIT extends BatchLocks {

    private static final String PREFIX = "/ecommerce/locks/";
    private static final Pattern UNARY_CALLS =
            Pattern.compile("(?m)^grpc_server_handled_total\\{[^}]*grpc_type=\"unary\"[^}]*} (\\d+)$");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EtcdProcess etcd;
    private static Client holderClient;
    private static Client waiterClient;

    /** What names the keys (its client, never started, connects to nothing). */
    private static final EtcdLockAdapter NAMES = new EtcdLockAdapter(Client.builder().endpoints("http://127.0.0.1:1")
            .build(), PREFIX, Duration.ofSeconds(10), new LockMetrics(new SimpleMeterRegistry(), "etcd"));

    @BeforeAll
    static void start() {
        etcd = TestEtcd.process();
        holderClient = Client.builder().endpoints(etcd.endpoint()).build();
        waiterClient = Client.builder().endpoints(etcd.endpoint()).build();
    }

    @AfterAll
    static void stop() {
        holderClient.close();
        waiterClient.close();
        etcd.close();
    }

    /** An adapter with a lease of its own, granted by a first acquisition and idle for the next. */
    private static EtcdLockAdapter adapter(Client client) {
        EtcdLockAdapter adapter = new EtcdLockAdapter(client, PREFIX, Duration.ofSeconds(10),
                new LockMetrics(new SimpleMeterRegistry(), "etcd"));
        adapter.withLocks(LockKeys.of(LockKey.point(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50))),
                Deadline.after(Duration.ofSeconds(10)), () -> null);
        return adapter;
    }

    @Test
    void thirtyOneKeys_cost_oneTransactionToTake_andOneToGiveBack() {
        EtcdLockAdapter adapter = adapter(holderClient);
        LockKeys batch = BatchLocks.ofThirtyBuyers();

        long before = unaryCalls();
        long during = adapter.withLocks(batch, Deadline.after(Duration.ofSeconds(2)), () -> {
            long now = unaryCalls();
            assertThat(held(batch)).as("keys of the batch while it is held").hasSize(31);
            return now;
        });
        long after = unaryCalls();

        assertThat(during - before).as("calls to take 31 keys").isOne();
        // the work's own check of the 31 keys made 31 calls
        assertThat(after - during - 31).as("calls to give them back").isOne();
        assertThat(held(batch)).as("keys of the batch after release").isEmpty();
    }

    EtcdBatchRoundTripIT() {
        super(() -> adapter(holderClient), () -> adapter(waiterClient), key -> exists(NAMES.keyOf(key)));
    }

    private static boolean exists(ByteSequence key) {
        try {
            return holderClient.getKVClient().get(key).get(5, TimeUnit.SECONDS).getCount() > 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The unary gRPC calls etcd has handled (KV, lease and the others), from its {@code /metrics}. */
    private static long unaryCalls() {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(etcd.endpoint() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long calls = 0;
            for (Matcher handled = UNARY_CALLS.matcher(metrics); handled.find(); ) {
                calls += Long.parseLong(handled.group(1));
            }
            return calls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
