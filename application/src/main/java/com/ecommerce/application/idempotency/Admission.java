package com.ecommerce.application.idempotency;

import com.ecommerce.application.idempotency.port.out.IdempotencyKeyTakenException;

import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * What {@link Idempotency#admit} decided for one request, before any lock: either it repeats a request that
 * succeeded, and is answered from that request's record ({@link #isReplay()}), or it is to run, and the guarded unit
 * of work claims its key before the request's first write ({@link #claim}) and records its result after its last
 * ({@link #complete}), in the transaction that carries its effect.
 *
 * @param <R> the request's result
 */
public final class Admission<R> {

    private final IdempotentRequest<R> request;
    private final R replayed;
    private final Runnable claim;
    private final LongConsumer complete;
    private final Runnable unanswered;
    private final Function<IdempotencyKeyTakenException, R> takenAnswer;

    private Admission(IdempotentRequest<R> request, R replayed, Runnable claim, LongConsumer complete,
                      Runnable unanswered, Function<IdempotencyKeyTakenException, R> takenAnswer) {
        this.request = request;
        this.replayed = replayed;
        this.claim = claim;
        this.complete = complete;
        this.unanswered = unanswered;
        this.takenAnswer = takenAnswer;
    }

    static <R> Admission<R> replay(IdempotentRequest<R> request, R answer) {
        return new Admission<>(request, answer, null, null, null, null);
    }

    static <R> Admission<R> toRun(IdempotentRequest<R> request, Runnable claim, LongConsumer complete,
                                  Runnable unanswered, Function<IdempotencyKeyTakenException, R> takenAnswer) {
        return new Admission<>(request, null, claim, complete, unanswered, takenAnswer);
    }

    /** A request without a key: it runs, and nothing is claimed or recorded. */
    public static <R> Admission<R> unkeyed() {
        Runnable nothing = () -> {
        };
        return new Admission<>(null, null, nothing, result -> {
        }, nothing, taken -> {
            throw taken;
        });
    }

    /** True when the request repeats one that succeeded: {@link #replayed()} is its answer and nothing runs. */
    public boolean isReplay() {
        return claim == null;
    }

    public R replayed() {
        if (!isReplay()) {
            throw new IllegalStateException("the request was admitted to run, not replayed");
        }
        return replayed;
    }

    /**
     * Which key two requests would share, for telling them apart in one batch ({@code null} without a key): two
     * members of one batch with the same one must not run in one transaction (the second would replay the first).
     */
    public String key() {
        return request == null || request.key() == null ? null : request.userId() + "/" + request.key().value();
    }

    /**
     * Claims the request's key in the running transaction, before the request's first write (the guarded unit of
     * work does this). A duplicate running at the same time, on any instance, waits here on the store's unique key
     * until the first one's transaction ends, before it has touched a contended row.
     *
     * @throws IdempotencyKeyTakenException when a concurrent request claimed the key first and committed
     */
    public void claim() {
        requireToRun();
        claim.run();
    }

    /**
     * For a request about to be refused by its own check, before it has claimed its key: when a request with the
     * same key committed since this one was admitted (on another instance, or in an earlier batch), the refusal may
     * be that request's doing (it took the last unit, or spent the points this repeat would have spent), and its
     * answer is this one's. Reads the store in the running transaction; nothing happens for a key still free.
     *
     * @throws IdempotencyKeyTakenException when the key has a committed record; answer with {@link #answerTaken}
     */
    public void requireUnanswered() {
        requireToRun();
        unanswered.run();
    }

    /** Records {@code result} under the claimed key, in the same transaction, after the request's last write. */
    public void complete(R result) {
        requireToRun();
        complete.accept(request == null ? 0 : request.recorded().applyAsLong(result));
    }

    /**
     * The answer of a request whose {@link #claim} found the key taken by a concurrent request that committed first:
     * that request is the first, so its result is replayed. Throws {@code taken} when there is nothing to replay.
     */
    public R answerTaken(IdempotencyKeyTakenException taken) {
        return takenAnswer.apply(taken);
    }

    private void requireToRun() {
        if (isReplay()) {
            throw new IllegalStateException("a replayed request claims and records nothing");
        }
    }
}
