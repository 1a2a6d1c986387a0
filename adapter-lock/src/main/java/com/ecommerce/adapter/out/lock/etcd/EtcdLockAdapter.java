package com.ecommerce.adapter.out.lock.etcd;

import com.ecommerce.adapter.out.lock.support.AbstractLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockUnavailableException;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.lease.LeaseGrantResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.LeaseOption;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * etcd's lock recipe over leases (see {@link #lock}) for each key in the global order, every key of one acquisition
 * on one lease of {@code ecommerce.lock.lease-time}. The waiters of a name queue by the create revision of their key.
 * The lease is never kept alive while the locks are held: a paused or partitioned holder loses them when it runs out,
 * like Redis, and the version check then refuses its late write. etcd grants at least its own minimum lease
 * (2 s with the default election timeout) and revokes expired leases on a 500 ms tick.
 *
 * <p>Leases are reused. A lease granted for one acquisition goes back to this adapter's idle leases when its keys were
 * deleted on release, and the next acquisition takes it while it is less than a third of the way through its life;
 * older ones are revoked, not renewed. So a holder keeps its locks for two thirds of the lease at least after it got
 * them (a lease is renewed once per third of it spent waiting) and at most the lease; and, where a lease per
 * acquisition cost three Raft writes in a row (grant, lock, revoke), a warm acquisition costs two: a lock per key and
 * one transaction deleting all its keys. On a hot key each hand-off in this instance's queue waits for those writes in
 * turn, so the third one was a third of the key's throughput.
 *
 * <p>jetcd retries an unavailable server within its calls, so a call to a dead etcd does not fail: it hangs. A grant
 * never waits for another holder, so one not answered within the wait (and at least a second) means etcd is down
 * ({@code LOCK_UNAVAILABLE}); a lock not granted within the wait may be contended or down, and a probe of the lease
 * tells the two apart.
 */
public class EtcdLockAdapter extends AbstractLockAdapter {

    private static final Logger log = LoggerFactory.getLogger(EtcdLockAdapter.class);

    /** The time a probe or a release gets to be answered, even when the wait is nearly over. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);

    /** Idle leases kept for reuse; beyond these a released lease is revoked. */
    private static final int IDLE_LEASES_AT_MOST = 64;

    private final Client client;
    private final String prefix;
    private final long leaseSeconds;
    /** Idle leases, the most recently released first, so that the oldest age out when fewer are needed. */
    private final Deque<Lease> idle = new ArrayDeque<>();

    public EtcdLockAdapter(Client client, String prefix, Duration leaseTime, LockMetrics metrics) {
        super(metrics);
        this.client = client;
        this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
        // etcd counts leases in whole seconds; rounding up never ends a lock before the configured lease
        this.leaseSeconds = Math.max(1, (leaseTime.toMillis() + 999) / 1000);
    }

    @Override
    public LockStrategyName strategy() {
        return LockStrategyName.ETCD;
    }

    /**
     * One lease, lock and release on a name of its own, before the first request: the first call of a fresh client
     * loads and starts Vert.x, gRPC and Netty, which took 1 to 6 s on two cores, and would otherwise be spent inside
     * the first requests' lock wait. A failure (etcd not up yet) is only logged: requests then find out themselves.
     */
    public void warmUp(Duration within) {
        Deadline deadline = Deadline.after(within);
        try {
            Lease lease = grant(LockKeys.of(), deadline);
            ByteSequence key = lock(prefix + "warm-up/", lease, LockKeys.of(), deadline);
            release(lease, List.of(key), LockKeys.of());
        } catch (RuntimeException e) {
            log.warn("etcd did not answer the warm-up lock within {} ({}); requests will try it themselves", within,
                    e.getMessage());
        }
    }

    @Override
    protected Held acquire(LockKeys keys, Deadline deadline) {
        Lease lease = takeIdle();
        if (lease == null) {
            lease = grant(keys, deadline);
        }
        List<ByteSequence> taken = new ArrayList<>(keys.asList().size());
        for (LockKey key : keys) {
            taken.add(lock(prefix + key.asString() + "/", lease, keys, deadline));
            if (lease.mayHaveEnded()) {
                revokeInBackground(lease.id);
                throw new LockUnavailableException("the lease on " + keys + " may have run out before etcd granted "
                        + key + " (the machine stalled)", null);
            }
        }
        Lease held = lease;
        return () -> release(held, taken, keys);
    }

    /**
     * Takes the lock named by {@code name} (a key prefix) for {@code lease}: etcd's lock recipe, on its KV and watch
     * API. The waiter's key is {@code name + lease} in hex, attached to the lease and put only if absent; the waiters
     * are ordered by their keys' create revisions, and a waiter holds the lock once no key under the name is older
     * than its own. It waits for the next older key's deletion, on a watch from the revision after the one it read.
     *
     * <p>Written here rather than calling etcd's lock service ({@code Lock}, which runs the same recipe in the
     * server) because that service watches from the revision it read itself, which etcd treats as a watch that must
     * catch up and serves on its 100 ms synchronisation tick: each hand-off to a waiter took 55 to 65 ms on an idle
     * machine, against 3 to 5 ms from the revision after (measured with jetcd 0.8.7 and etcd 3.4). A hot key changes
     * hands between instances at every request, so that tick bounded it to about 16 holders a second.
     */
    private ByteSequence lock(String name, Lease lease, LockKeys keys, Deadline deadline) {
        ByteSequence names = bytes(name);
        ByteSequence mine = bytes(name + Long.toHexString(lease.id));
        GetOption oldest = GetOption.builder().isPrefix(true).withSortField(GetOption.SortTarget.CREATE)
                .withSortOrder(GetOption.SortOrder.ASCEND).withLimit(1).build();
        TxnResponse queued = awaitGranted(client.getKVClient().txn()
                .If(new Cmp(mine, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(mine, ByteSequence.EMPTY, PutOption.builder().withLeaseId(lease.id).build()),
                        Op.get(names, oldest))
                .Else(Op.get(mine, GetOption.DEFAULT), Op.get(names, oldest))
                .commit(), lease, keys, deadline);
        List<GetResponse> reads = queued.getGetResponses();
        long myRevision = queued.isSucceeded() ? queued.getHeader().getRevision()
                : reads.getFirst().getKvs().getFirst().getCreateRevision();
        List<KeyValue> owner = reads.getLast().getKvs();
        if (!owner.isEmpty() && owner.getFirst().getCreateRevision() == myRevision) {
            return mine;
        }
        GetOption nextOlder = GetOption.builder().isPrefix(true).withSortField(GetOption.SortTarget.CREATE)
                .withSortOrder(GetOption.SortOrder.DESCEND).withLimit(1).withMaxCreateRevision(myRevision - 1)
                .build();
        while (true) {
            GetResponse older = awaitGranted(client.getKVClient().get(names, nextOlder), lease, keys, deadline);
            if (older.getKvs().isEmpty()) {
                return mine;
            }
            awaitDeleted(older.getKvs().getFirst().getKey(), older.getHeader().getRevision() + 1, lease, keys,
                    deadline);
        }
    }

    /** Waits until {@code key} is deleted at {@code fromRevision} or later (a watch ending in error: read again). */
    private void awaitDeleted(ByteSequence key, long fromRevision, Lease lease, LockKeys keys, Deadline deadline) {
        CompletableFuture<Void> deleted = new CompletableFuture<>();
        Watch.Listener listener = Watch.listener(response -> {
            if (response.getEvents().stream().anyMatch(e -> e.getEventType() == WatchEvent.EventType.DELETE)) {
                deleted.complete(null);
            }
        }, error -> deleted.complete(null), () -> deleted.complete(null));
        try (Watch.Watcher watcher = client.getWatchClient().watch(key,
                WatchOption.builder().withRevision(fromRevision).build(), listener)) {
            awaitGranted(deleted, lease, keys, deadline);
        }
    }

    /**
     * Waits for one step of an acquisition within the wait. A lock granted to a waiter whose key ran out during the
     * wait would be held by nobody, so a wait longer than a third of the lease renews it once per third; a renewal
     * not answered means etcd is down.
     */
    private <T> T awaitGranted(CompletableFuture<T> step, Lease lease, LockKeys keys, Deadline deadline) {
        while (true) {
            // rounded up, so that a wait ending at the deadline never wakes just before it
            long waitMs = (Math.min(deadline.remainingNanos(), lease.untilRenewalNanos()) + 999_999) / 1_000_000;
            try {
                return step.get(Math.max(1, waitMs), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (deadline.hasPassed()) {
                    throw contendedOrDown(lease.id, keys, deadline, e);
                }
                renew(lease);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                revokeInBackground(lease.id);
                throw deadline.exceeded(keys, e);
            } catch (ExecutionException e) {
                revokeInBackground(lease.id);
                throw new LockUnavailableException("etcd did not grant the lock: " + reason(e), e.getCause());
            }
        }
    }

    /**
     * A new lease, waited for until the deadline, and a second at least: a request that spent most of its wait in
     * this instance's queue still tells a slow etcd from a dead one. One granted after the deadline goes to the idle
     * leases and the wait is over ({@code LOCK_TIMEOUT}).
     */
    private Lease grant(LockKeys keys, Deadline deadline) {
        Lease.Term term = Lease.termFromNow(Duration.ofSeconds(leaseSeconds));
        long answerWithinMs = Math.max(deadline.remaining(TimeUnit.MILLISECONDS), ANSWER_WITHIN.toMillis());
        LeaseGrantResponse granted;
        try {
            granted = client.getLeaseClient().grant(leaseSeconds).get(answerWithinMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LockUnavailableException("etcd did not grant a lease within " + answerWithinMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw deadline.exceeded(keys, e);
        } catch (ExecutionException e) {
            throw new LockUnavailableException("etcd did not grant a lease: " + reason(e), e.getCause());
        }
        Lease lease = new Lease(granted.getID(), term);
        if (deadline.hasPassed()) {
            giveBack(lease);
            throw deadline.exceeded(keys);
        }
        return lease;
    }

    /** The most recently released idle lease still in the first third of its life; older ones are revoked. */
    private Lease takeIdle() {
        List<Lease> stale;
        synchronized (idle) {
            Lease newest = idle.pollFirst();
            if (newest == null || !newest.dueForRenewal()) {
                return newest;
            }
            // released after it, so no younger than it: all of them are past their first third
            stale = new ArrayList<>(idle);
            stale.add(newest);
            idle.clear();
        }
        stale.forEach(lease -> revokeInBackground(lease.id));
        return null;
    }

    /** A lease that holds no key, kept for the next acquisition while young enough, else revoked. */
    private void giveBack(Lease lease) {
        synchronized (idle) {
            if (!lease.dueForRenewal() && idle.size() < IDLE_LEASES_AT_MOST) {
                idle.addFirst(lease);
                return;
            }
        }
        revokeInBackground(lease.id);
    }

    private void renew(Lease lease) {
        Lease.Term term = Lease.termFromNow(Duration.ofSeconds(leaseSeconds));
        try {
            LeaseKeepAliveResponse renewed = client.getLeaseClient().keepAliveOnce(lease.id)
                    .get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            if (renewed.getTTL() <= 0) {
                throw new LockUnavailableException("etcd lost the lease of a waiting lock", null);
            }
            lease.term = term;
        } catch (TimeoutException | ExecutionException e) {
            revokeInBackground(lease.id);
            throw new LockUnavailableException("etcd did not renew the lease of a waiting lock", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            revokeInBackground(lease.id);
            throw new LockUnavailableException("interrupted while renewing a lease", e);
        }
    }

    /**
     * The wait is over without the lock. A probe of the lease tells a contended key (etcd answers: the keys go back
     * with the revoked lease before the caller hears {@code LOCK_TIMEOUT}) from a dead etcd ({@code LOCK_UNAVAILABLE};
     * the lease, revoked once etcd answers again or run out, frees whatever it held).
     */
    private RuntimeException contendedOrDown(long lease, LockKeys keys, Deadline deadline, TimeoutException timeout) {
        try {
            client.getLeaseClient().timeToLive(lease, LeaseOption.DEFAULT)
                    .get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            revokeInBackground(lease);
            return new LockUnavailableException("etcd did not answer within the wait", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            revokeInBackground(lease);
            return deadline.exceeded(keys, e);
        }
        try {
            client.getLeaseClient().revoke(lease).get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("Could not revoke the lease of {} after its wait ({}); it runs out", keys, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return deadline.exceeded(keys, timeout);
    }

    /** Nobody waits for it: a lease that etcd does not revoke now runs out. */
    private void revokeInBackground(long lease) {
        client.getLeaseClient().revoke(lease);
    }

    /**
     * Deletes this acquisition's keys in one transaction and gives the lease back for reuse. A key already gone means
     * the lease ran out (or etcd lost it) while the work ran: the lock was lost, and the version check guarded the
     * writes. A lease that may have run out on this clock is revoked instead, and etcd's answer says which it was.
     */
    private void release(Lease lease, List<ByteSequence> taken, LockKeys keys) {
        if (lease.mayHaveEnded()) {
            revoke(lease.id, keys);
            return;
        }
        Op[] deletes = taken.stream().map(key -> Op.delete(key, DeleteOption.DEFAULT)).toArray(Op[]::new);
        try {
            TxnResponse deleted = answerToRelease(client.getKVClient().txn().Then(deletes).commit(), keys);
            if (deleted != null && deleted.getDeleteResponses().stream().allMatch(key -> key.getDeleted() == 1)) {
                giveBack(lease);
                return;
            }
            if (deleted != null) {
                lostBeforeRelease(keys);
            }
        } catch (ExecutionException e) {
            log.warn("Could not release {} ({}); its lease ends it", keys, reason(e));
        }
        revokeInBackground(lease.id);
    }

    /** Revoking the lease deletes every key on it; a lease etcd no longer knows ran out while the work ran. */
    private void revoke(long lease, LockKeys keys) {
        try {
            answerToRelease(client.getLeaseClient().revoke(lease), keys);
        } catch (ExecutionException e) {
            if (leaseNotFound(e)) {
                lostBeforeRelease(keys);
            } else {
                log.warn("Could not release {} ({}); its lease ends it", keys, reason(e));
            }
        }
    }

    /** etcd's answer to a release, or null when it gave none within a second (the lease then ends the locks). */
    private <T> T answerToRelease(CompletableFuture<T> release, LockKeys keys) throws ExecutionException {
        try {
            return release.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("etcd did not answer the release of {}; its lease ends it", keys);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while releasing {}; its lease ends it", keys);
        }
        return null;
    }

    private void lostBeforeRelease(LockKeys keys) {
        metrics.lost();
        log.warn("Lock on {} was lost before release (lease {} s ran out); the version check guarded the writes", keys,
                leaseSeconds);
    }

    /** jetcd hands the server's NOT_FOUND on as its own exception or as gRPC's, depending on the call's path. */
    private static boolean leaseNotFound(ExecutionException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof EtcdException etcd && etcd.getErrorCode() == ErrorCode.NOT_FOUND) {
                return true;
            }
        }
        return Status.fromThrowable(e).getCode() == Status.Code.NOT_FOUND;
    }

    /**
     * One acquisition's lease. etcd starts it when it handles the grant (or renewal), after the request left here,
     * so it lasts at least until {@code renewedAt + ttl} on this clock.
     */
    private static final class Lease {
        final long id;
        Term term;

        Lease(long id, Term term) {
            this.id = id;
            this.term = term;
        }

        /**
         * A lease's life as this client counts it, from before the grant or renewal was sent (so never longer than
         * etcd's count): when it is due for renewal, a third of the way, and when it may have ended. Counted on the
         * lease asked for; etcd never grants less.
         */
        record Term(Deadline renewal, Deadline end) {
        }

        static Term termFromNow(Duration ttl) {
            return new Term(Deadline.after(ttl.dividedBy(3)), Deadline.after(ttl));
        }

        long untilRenewalNanos() {
            return term.renewal().remainingNanos();
        }

        boolean dueForRenewal() {
            return term.renewal().hasPassed();
        }

        boolean mayHaveEnded() {
            return term.end().hasPassed();
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    private static String reason(ExecutionException e) {
        return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    }
}
