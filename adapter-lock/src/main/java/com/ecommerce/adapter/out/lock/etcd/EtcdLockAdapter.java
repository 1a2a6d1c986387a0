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
 * All of a unit of work's keys in one etcd transaction, on one lease of {@code ecommerce.lock.lease-time}: if no key
 * of the set exists ({@code createRevision == 0} for each), put each one, {@code <prefix><key>}, attached to the
 * lease; else read the keys (keys only), and the first one found held is watched for its deletion, from the revision
 * after the transaction's, before the whole set is tried again. So every key or none, and a batch of 30 buyers' orders
 * costs one Raft write to take its 31 keys and one to give them back, where etcd's lock recipe per key (a key per
 * waiter under the name, queued by create revision) took them one after another. etcd allows 128 operations per
 * branch of a transaction by default ({@code --max-txn-ops}), more than a batch's keys.
 *
 * <p>What it costs. A set waits while any one of its keys is held and takes nothing meanwhile, so overlapping sets
 * never hold parts of each other; but there is no queue: a deletion wakes every client watching the key (the herd),
 * each tries its set again and one wins, in no particular order. The local queue in front
 * ({@code LocallyQueuedLockAdapter}) lets one request per instance and key ask etcd, so a release wakes at most one
 * waiter per other instance, and each instance's queue is fair. The keys are the lock keys' own names, disjoint from
 * the recipe's {@code <prefix><key>/<lease>}: an instance of either layout never breaks the other's locks, but they do
 * not exclude each other, and during a rolling upgrade from the recipe the row version alone guards the writes of an
 * old and a new instance on the same key.
 *
 * <p>The release deletes the keys in one transaction only if each is still the one put (its mod revision is the
 * acquisition's): a key whose lease ran out may meanwhile be another holder's, which a plain delete would free. A
 * transaction that jetcd sent again after etcd had applied it finds the keys on its own lease, and holds them.
 *
 * <p>The lease is never kept alive while the locks are held: a paused or partitioned holder loses them when it runs
 * out, like Redis, and the version check then refuses its late write. etcd grants at least its own minimum lease
 * (2 s with the default election timeout) and revokes expired leases on a 500 ms tick.
 *
 * <p>Leases are reused. A lease granted for one acquisition goes back to this adapter's idle leases when its keys were
 * deleted on release, and the next acquisition takes it while it is less than a third of the way through its life;
 * older ones are revoked, not renewed. So a holder keeps its locks for two thirds of the lease at least after it got
 * them (a lease is renewed once per third of it spent waiting) and at most the lease; and, where a lease per
 * acquisition cost three Raft writes in a row (grant, lock, revoke), a warm acquisition costs two: the transaction
 * that puts its keys and the one that deletes them. On a hot key each hand-off in this instance's queue waits for
 * those writes in turn, so a third one would be a third of the key's throughput.
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
            List<ByteSequence> key = List.of(bytes(prefix + "warm-up"));
            release(lease, key, lockAll(key, lease, LockKeys.of(), deadline), LockKeys.of());
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
        List<ByteSequence> names = keys.asList().stream().map(this::keyOf).toList();
        long revision = lockAll(names, lease, keys, deadline);
        if (lease.mayHaveEnded()) {
            revokeInBackground(lease.id);
            throw new LockUnavailableException("the lease on " + keys + " may have run out before etcd granted them "
                    + "(the machine stalled)", null);
        }
        Lease held = lease;
        return () -> release(held, names, revision, keys);
    }

    /** The etcd key that holds {@code key}. */
    public ByteSequence keyOf(LockKey key) {
        return bytes(prefix + key.asString());
    }

    /**
     * Puts every key of {@code names} on {@code lease} in one transaction if none exists, else waits for the deletion
     * of the first one held and tries again; the revision at which the keys were put.
     */
    private long lockAll(List<ByteSequence> names, Lease lease, LockKeys keys, Deadline deadline) {
        Cmp[] free = names.stream().map(name -> new Cmp(name, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .toArray(Cmp[]::new);
        PutOption onLease = PutOption.builder().withLeaseId(lease.id).build();
        Op[] puts = names.stream().map(name -> Op.put(name, ByteSequence.EMPTY, onLease)).toArray(Op[]::new);
        GetOption keyOnly = GetOption.builder().withKeysOnly(true).build();
        Op[] reads = names.stream().map(name -> Op.get(name, keyOnly)).toArray(Op[]::new);
        while (true) {
            TxnResponse tried = awaitGranted(client.getKVClient().txn().If(free).Then(puts).Else(reads).commit(),
                    lease, keys, deadline);
            if (tried.isSucceeded()) {
                return tried.getHeader().getRevision();
            }
            KeyValue held = tried.getGetResponses().stream().flatMap(read -> read.getKvs().stream()).findFirst()
                    .orElse(null);
            if (held != null && held.getLease() == lease.id) {
                return held.getModRevision();
            }
            if (held != null) {
                awaitDeleted(held.getKey(), tried.getHeader().getRevision() + 1, lease, keys, deadline);
            }
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
     * Deletes this acquisition's keys in one transaction, if each is still the one put at {@code revision}, and gives
     * the lease back for reuse. A key gone or put again means the lease ran out (or etcd lost it) while the work ran:
     * the lock was lost, the version check guarded the writes, and the lease is revoked, which deletes only what is
     * still on it. A lease that may have run out on this clock is revoked instead, and etcd's answer says which it was.
     */
    private void release(Lease lease, List<ByteSequence> names, long revision, LockKeys keys) {
        if (lease.mayHaveEnded()) {
            revoke(lease.id, keys);
            return;
        }
        Cmp[] stillOurs = names.stream().map(name -> new Cmp(name, Cmp.Op.EQUAL, CmpTarget.modRevision(revision)))
                .toArray(Cmp[]::new);
        Op[] deletes = names.stream().map(name -> Op.delete(name, DeleteOption.DEFAULT)).toArray(Op[]::new);
        try {
            TxnResponse deleted = answerToRelease(client.getKVClient().txn().If(stillOurs).Then(deletes).commit(),
                    keys);
            if (deleted != null && deleted.isSucceeded()) {
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
