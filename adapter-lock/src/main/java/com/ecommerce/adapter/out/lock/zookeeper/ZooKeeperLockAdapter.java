package com.ecommerce.adapter.out.lock.zookeeper;

import com.ecommerce.adapter.out.lock.support.AbstractLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockUnavailableException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All of a unit of work's keys in one ZooKeeper round trip: one multi-operation ({@code client.transaction()})
 * creates an ephemeral, non-sequential znode per key, {@code <base-path>/held/<key>}, and fails as a whole with
 * {@code NodeExists} when any key is held, so it takes every key or none. A refused set reads the held key's node with
 * a watch and waits for its deletion (or the deadline), then tries the whole set again. The release is one more
 * multi-operation deleting every node. A batch of 30 buyers' orders costs one create and one delete, where Curator's
 * {@code InterProcessMutex} per key through {@code InterProcessMultiLock} took its keys one after another, with a
 * sequential node, a read of the children and a delete each.
 *
 * <p>What it costs. A set waits while any one of its keys is held, and waits on that key only: it takes nothing
 * meanwhile, so sets that overlap never hold parts of each other (no deadlock, whatever the order), but there is no
 * queue either: a release wakes every client watching the node (the herd), all of them try their sets again and one
 * wins. Here the herd is small: the local queue in front ({@code LocallyQueuedLockAdapter}) lets one request per
 * instance and key ask ZooKeeper, so a release wakes at most one waiter per other instance. The waiters are not
 * served in the order they asked, which the local queue is in each instance.
 *
 * <p>The nodes live under {@code held/} rather than beside the per-key lock nodes of the mutex recipe this replaced:
 * that recipe's {@code <base-path>/<key>} is a container node with sequential children, which an ephemeral node of the
 * same name would have met as "held" until ZooKeeper removed the empty container, and under which the old recipe
 * cannot create its children while the new node exists. So an instance of either layout never breaks the other's locks,
 * but they do not exclude each other either: during a rolling upgrade from the mutex recipe the row version alone
 * guards the writes of an old and a new instance on the same key. {@code held/} is created once, as a persistent node,
 * the first time an acquisition finds it missing.
 *
 * <p>Each node's data is the acquisition's own token, so a create that Curator sent again after a lost connection,
 * and that ZooKeeper had applied the first time, is recognised as this acquisition's own (and not waited for).
 *
 * <p>A lost session ({@code LOST}) deletes the nodes, so another client may take the keys while this one still
 * works. Two defences: the work does not start unless the connection is up (a reconnect in progress is waited for
 * within the wait timeout, none by then is {@code LOCK_UNAVAILABLE}), and a session lost during the work is
 * counted as a lost lock; the version check then refuses the late holder's write ({@code CONCURRENT_UPDATE}).
 * A release that ZooKeeper did not answer is sent again once the same session reconnects; a new session has no
 * nodes of the old one to delete.
 */
public class ZooKeeperLockAdapter extends AbstractLockAdapter {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperLockAdapter.class);

    private final CuratorFramework client;
    /** The parent of the held keys' nodes. */
    private final String heldPath;
    /** This adapter's tokens are this prefix and a counter. */
    private final String tokenPrefix = UUID.randomUUID() + ":";
    private final AtomicLong tokens = new AtomicLong();
    /** Bumped on every SUSPENDED or LOST: a holder that sees it change knows its lock may be gone. */
    private final AtomicLong interruptions = new AtomicLong();
    /** Releases that ZooKeeper did not answer, with the session whose nodes they delete. */
    private final Queue<Unreleased> unreleased = new ConcurrentLinkedQueue<>();

    public ZooKeeperLockAdapter(CuratorFramework client, String basePath, LockMetrics metrics) {
        super(metrics);
        this.client = client;
        this.heldPath = (basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath) + "/held";
        client.getConnectionStateListenable().addListener((c, state) -> {
            if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
                interruptions.incrementAndGet();
                log.warn("ZooKeeper connection {}: locks held now may be lost; the version check guards writes", state);
            } else if (state == ConnectionState.RECONNECTED) {
                releaseUnanswered();
            }
        });
    }

    @Override
    public LockStrategyName strategy() {
        return LockStrategyName.ZOOKEEPER;
    }

    /** The node that holds {@code key}. */
    public String nodeOf(LockKey key) {
        return heldPath + "/" + key.asString();
    }

    @Override
    protected Held acquire(LockKeys keys, Deadline deadline) {
        List<String> nodes = keys.asList().stream().map(this::nodeOf).toList();
        byte[] token = (tokenPrefix + tokens.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
        while (true) {
            awaitConnection(deadline);
            long epoch = interruptions.get();
            String held = createAll(nodes, token, keys, deadline);
            if (held == null || awaitDeleted(held, token, keys, deadline)) {
                return () -> release(nodes, keys, epoch);
            }
        }
    }

    /** Creates every node in one multi-operation: null when it did, else the first node found held. */
    private String createAll(List<String> nodes, byte[] token, LockKeys keys, Deadline deadline) {
        try {
            List<CuratorOp> creates = new ArrayList<>(nodes.size());
            for (String node : nodes) {
                creates.add(client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(node, token));
            }
            client.transaction().forOperations(creates);
            return null;
        } catch (KeeperException.NodeExistsException e) {
            return nodes.get(firstFailed(e));
        } catch (KeeperException.NoNodeException e) {
            createHeldPath();
            return createAll(nodes, token, keys, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw deadline.exceeded(keys, e);
        } catch (Exception e) {
            throw new LockUnavailableException("ZooKeeper did not grant the lock: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The operation of a multi-operation that ZooKeeper refused (the others are marked as rolled back). */
    private static int firstFailed(KeeperException e) {
        List<OpResult> results = e.getResults() == null ? List.of() : e.getResults();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof OpResult.ErrorResult error
                    && error.getErr() == KeeperException.Code.NODEEXISTS.intValue()) {
                return i;
            }
        }
        return 0;
    }

    private void createHeldPath() {
        try {
            client.create().creatingParentContainersIfNeeded().forPath(heldPath);
        } catch (KeeperException.NodeExistsException e) {
            // created by another instance meanwhile
        } catch (Exception e) {
            throw new LockUnavailableException("ZooKeeper did not create " + heldPath + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits, by the deadline, until {@code node} is deleted (or the connection changes): false then, to try the set
     * again. True if the node is this acquisition's own: its create was applied, then sent again.
     */
    private boolean awaitDeleted(String node, byte[] token, LockKeys keys, Deadline deadline) {
        CountDownLatch changed = new CountDownLatch(1);
        byte[] holder;
        try {
            holder = client.getData().usingWatcher((Watcher) event -> changed.countDown()).forPath(node);
        } catch (KeeperException.NoNodeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw deadline.exceeded(keys, e);
        } catch (Exception e) {
            throw new LockUnavailableException("ZooKeeper did not answer a wait: " + e.getClass().getSimpleName(), e);
        }
        if (Arrays.equals(holder, token)) {
            return true;
        }
        try {
            // a watch left behind by a wait that ends here fires once, at the node's deletion, and wakes nobody
            if (changed.await(Math.max(1, deadline.remaining(TimeUnit.MILLISECONDS)), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw deadline.exceeded(keys, e);
        }
        if (!client.getZookeeperClient().isConnected()) {
            throw new LockUnavailableException("ZooKeeper connection lost while waiting", null);
        }
        throw deadline.exceeded(keys);
    }

    /** A reconnect in progress is waited for, by the deadline; no connection by then is LOCK_UNAVAILABLE. */
    private void awaitConnection(Deadline deadline) {
        if (client.getZookeeperClient().isConnected()) {
            return;
        }
        try {
            if (client.blockUntilConnected((int) Math.max(1, deadline.remaining(TimeUnit.MILLISECONDS)),
                    TimeUnit.MILLISECONDS)
                    && client.getZookeeperClient().isConnected()) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new LockUnavailableException("ZooKeeper is not connected", null);
    }

    /**
     * Deletes every node in one multi-operation. A node already gone means the lock was lost while the work ran
     * (the session ended, or a client with the rights deleted it): counted once, and the nodes still there are
     * deleted one by one.
     */
    private void release(List<String> nodes, LockKeys keys, long epoch) {
        boolean lost = interruptions.get() != epoch;
        if (lost) {
            metrics.lost();
            log.warn("The ZooKeeper connection was interrupted while {} was held", keys);
        }
        long session = sessionId();
        try {
            deleteAll(nodes);
        } catch (KeeperException.NoNodeException e) {
            if (!lost) {
                metrics.lost();
                log.warn("A node of {} was gone before release; the version check guarded the writes", keys);
            }
            deleteEach(nodes, keys);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unreleased.add(new Unreleased(session, nodes, keys));
        } catch (Exception e) {
            log.warn("Could not release {} ({}); sent again when the session reconnects, or its end removes it", keys,
                    e.getMessage());
            unreleased.add(new Unreleased(session, nodes, keys));
        }
    }

    private void deleteAll(List<String> nodes) throws Exception {
        client.transaction().forOperations(deletes(nodes));
    }

    private List<CuratorOp> deletes(List<String> nodes) throws Exception {
        List<CuratorOp> deletes = new ArrayList<>(nodes.size());
        for (String node : nodes) {
            deletes.add(client.transactionOp().delete().forPath(node));
        }
        return deletes;
    }

    private void deleteEach(List<String> nodes, LockKeys keys) {
        for (String node : nodes) {
            try {
                client.delete().forPath(node);
            } catch (KeeperException.NoNodeException gone) {
                // the lost one
            } catch (Exception e) {
                log.warn("Could not release {} of {} ({}); its session's end removes it", node, keys, e.getMessage());
            }
        }
    }

    /** Sends again, in the background, the releases not answered whose nodes are this session's. */
    private void releaseUnanswered() {
        long session = sessionId();
        for (Unreleased pending; (pending = unreleased.poll()) != null; ) {
            if (pending.session == session) {
                try {
                    client.transaction().inBackground().forOperations(deletes(pending.nodes));
                } catch (Exception e) {
                    log.warn("Could not release {} after the reconnect ({}); its session's end removes it",
                            pending.keys, e.getMessage());
                }
            }
        }
    }

    private long sessionId() {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return 0;
        }
    }

    private record Unreleased(long session, List<String> nodes, LockKeys keys) {
    }
}
