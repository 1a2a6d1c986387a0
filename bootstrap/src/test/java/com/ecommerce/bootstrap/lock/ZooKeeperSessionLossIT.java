package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.testing.TestZooKeeper;
import com.ecommerce.adapter.out.lock.zookeeper.ZooKeeperLockAdapter;
import com.ecommerce.bootstrap.lock.LockParties.Party;
import com.ecommerce.bootstrap.lock.LockParties.Step;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.WatchersDebug;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code lock-zookeeper} has no lease: its lock lives as long as the holder's session. Here the stalled holder's
 * session ends (ZooKeeper deletes its ephemeral lock nodes) while another instance, with a session of its own, is
 * seen waiting on the server for the same key; that instance then takes the lock, and the version check refuses the
 * late holder's write.
 */
@ActiveProfiles("lock-zookeeper")
@TestPropertySource(properties = {LeaseExpiryTest.SECOND_PARTY_AS_ANOTHER_INSTANCE, LeaseExpiryTest.WAIT_PAST_THE_LOSS})
class ZooKeeperSessionLossIT extends LeaseExpiryTest {

    @Autowired
    CuratorFramework curator;
    private CuratorFramework anotherCurator;

    @Override
    protected AnotherInstance anotherInstance() {
        anotherCurator = CuratorFrameworkFactory.newClient(TestZooKeeper.connectString(),
                new ExponentialBackoffRetry(100, 3));
        anotherCurator.start();
        return new AnotherInstance(new ZooKeeperLockAdapter(anotherCurator, properties.zookeeper().basePath(),
                metricsOfAnotherInstance()), anotherCurator::close);
    }

    /**
     * Waits until the second party is seen waiting on ZooKeeper (its watch on the node of a key both asked for, which
     * the first holds), then ends the first's session.
     */
    @Override
    protected LockLoss loseTheFirstHoldersLock(LockParties parties) {
        try {
            awaitTheSecondPartyQueued(parties);
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
            long endingMs = parties.nowMs();
            twin.close();
            long endedMs = parties.nowMs();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (curator.getZookeeperClient().getZooKeeper().getSessionId() == expired
                    || !curator.getZookeeperClient().isConnected()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Curator did not open a new session after the old one expired");
                }
                Thread.sleep(20);
            }
            return new LockLoss("its session ended", endingMs, endedMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitTheSecondPartyQueued(LockParties parties) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!waitingOnTheFirst(parties)) {
            if (parties.reached(Party.SECOND, Step.ACQUIRED)) {
                throw new AssertionError("the second party got the lock while the first still held it");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the second party was never seen waiting on ZooKeeper for a key the first "
                        + "holds");
            }
            Thread.sleep(10);
        }
    }

    /** A key both parties asked for is held by the first, and the second watches its node for the deletion. */
    private boolean waitingOnTheFirst(LockParties parties) throws Exception {
        LockKeys second = parties.keys(Party.SECOND);
        if (second == null) {
            return false;
        }
        List<String> watched = WatchersDebug.getDataWatches(anotherCurator.getZookeeperClient().getZooKeeper());
        List<LockKey> shared = parties.keys(Party.FIRST).asList().stream().filter(second.asList()::contains).toList();
        for (LockKey key : shared) {
            String node = properties.zookeeper().basePath() + "/held/" + key.asString();
            if (curator.checkExists().forPath(node) != null && watched.contains(node)) {
                return true;
            }
        }
        return false;
    }
}
