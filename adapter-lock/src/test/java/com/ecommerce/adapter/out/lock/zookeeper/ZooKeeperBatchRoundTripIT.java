package com.ecommerce.adapter.out.lock.zookeeper;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.testing.BatchLocks;
import com.ecommerce.adapter.out.lock.testing.TestZooKeeper;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a batch's locks cost on a real ZooKeeper (the in-process {@link TestZooKeeper}), counted by the server itself
 * (the packets it received, from its {@code srvr} command, less the command's own): thirty buyers' balances and an
 * item, 31 keys, are taken in one request and given back in one more. A set with one key held elsewhere takes none of
 * its other keys while it waits, nor after a wait that times out, and takes them all once that key is free
 * ({@link BatchLocks}).
 */
class ZooKeeperBatchRoundTripIT extends BatchLocks {

    private static final String BASE_PATH = "/ecommerce/locks";
    private static final Pattern RECEIVED = Pattern.compile("(?m)^Received: (\\d+)$");

    private static CuratorFramework holderClient;
    private static CuratorFramework waiterClient;

    /** What names the nodes. */
    private static final ZooKeeperLockAdapter NAMES = new ZooKeeperLockAdapter(
            CuratorFrameworkFactory.newClient(TestZooKeeper.connectString(), new ExponentialBackoffRetry(100, 3)),
            BASE_PATH, new LockMetrics(new SimpleMeterRegistry(), "zookeeper"));

    @BeforeAll
    static void connect() throws InterruptedException {
        holderClient = client();
        waiterClient = client();
    }

    @AfterAll
    static void close() {
        holderClient.close();
        waiterClient.close();
    }

    /** A session long enough that no ping falls between two counts of a test. */
    private static CuratorFramework client() throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(TestZooKeeper.connectString())
                .sessionTimeoutMs(30_000).connectionTimeoutMs(3_000)
                .retryPolicy(new ExponentialBackoffRetry(100, 3)).build();
        client.start();
        assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        return client;
    }

    private static ZooKeeperLockAdapter adapter(CuratorFramework client) {
        ZooKeeperLockAdapter adapter = new ZooKeeperLockAdapter(client, BASE_PATH,
                new LockMetrics(new SimpleMeterRegistry(), "zookeeper"));
        // the first acquisition may create the parent of the held nodes
        adapter.withLocks(LockKeys.of(LockKey.point(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50))),
                Deadline.after(Duration.ofSeconds(5)), () -> null);
        return adapter;
    }

    @Test
    void thirtyOneKeys_cost_oneRequestToTake_andOneToGiveBack() throws Exception {
        ZooKeeperLockAdapter adapter = adapter(holderClient);
        LockKeys batch = BatchLocks.ofThirtyBuyers();

        long calibration = received();
        assertThat(received() - calibration).as("a count's own packet, nothing sent between").isOne();

        long before = received();
        long during = adapter.withLocks(batch, Deadline.after(Duration.ofSeconds(2)), () -> {
            long now = received();
            assertThat(held(batch)).as("keys of the batch held while it is held").hasSize(31);
            return now;
        });
        long after = received();

        assertThat(during - before - 1).as("requests to take 31 keys").isOne();
        // the work's own check of the 31 nodes sent 31 requests
        assertThat(after - during - 1 - 31).as("requests to give them back").isOne();
        assertThat(held(batch)).as("keys of the batch held after release").isEmpty();
    }

    ZooKeeperBatchRoundTripIT() {
        super(() -> adapter(holderClient), () -> adapter(waiterClient), key -> exists(NAMES.nodeOf(key)));
    }

    private static boolean exists(String node) {
        try {
            return holderClient.checkExists().forPath(node) != null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The packets the server has received ({@code srvr}, which counts itself as one more). */
    private static long received() {
        String[] hostPort = TestZooKeeper.connectString().split(":");
        try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            Matcher received = RECEIVED.matcher(answer);
            assertThat(received.find()).as("srvr's answer: %s", answer).isTrue();
            return Long.parseLong(received.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
