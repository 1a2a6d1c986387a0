package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.testing.TestZooKeeper;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code lock-zookeeper} when the holder's session expires mid-transaction: ZooKeeper deletes its ephemeral lock node,
 * the next request takes the lock, and the version check refuses the late holder's write.
 */
@ActiveProfiles("lock-zookeeper")
@TestPropertySource(properties = {LeaseExpiryTest.SHORT_LEASE, LeaseExpiryTest.SECOND_PARTY_AS_ANOTHER_INSTANCE})
class ZooKeeperSessionLossIT extends LeaseExpiryTest {

    @Autowired
    CuratorFramework curator;

    /** Expiring a session and opening a new one takes longer than a lease running out, and varies more. */
    @Override
    protected Duration stall() {
        return Duration.ofSeconds(8);
    }

    @Override
    protected void loseTheFirstHoldersLock() {
        try {
            ZooKeeper holder = curator.getZookeeperClient().getZooKeeper();
            long expired = holder.getSessionId();
            // a twin connection on the same session, closed: the server ends the session and deletes its ephemeral
            // lock nodes at once, as it would when the session timeout runs out (Curator's KillSession only makes the
            // client believe its session expired, and the server keeps the nodes until the timeout)
            CountDownLatch twinConnected = new CountDownLatch(1);
            ZooKeeper twin = new ZooKeeper(TestZooKeeper.connectString(), 10_000, event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    twinConnected.countDown();
                }
            }, expired, holder.getSessionPasswd());
            if (!twinConnected.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("could not attach to the holder's session");
            }
            twin.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (curator.getZookeeperClient().getZooKeeper().getSessionId() == expired
                    || !curator.getZookeeperClient().isConnected()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Curator did not open a new session after the old one expired");
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
