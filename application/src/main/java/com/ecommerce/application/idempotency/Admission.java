package com.ecommerce.application.idempotency;

import com.ecommerce.application.idempotency.port.out.IdempotencyKeyTakenException;

import java.util.function.Function;

/**
 * What {@link Idempotency#admit} decided for one request, before any lock: either it repeats a request that
 * succeeded, and is answered from that request's record ({@link #isReplay()}), or it is to run, and the guarded unit
 * of work records its result under its key ({@link #record}) in the transaction that carries its effect.
 *
 * @param <R> the request's result
 */
public final class Admission<R> {

    private final IdempotentRequest<R> request;
    private final R replayed;
    private final Recorder recorder;
    private final Function<IdempotencyKeyTakenException, R> takenAnswer;

    /** Writes a request's record in the running transaction. */
    @FunctionalInterface
    interface Recorder {
        void record(long result);
    }

    private Admission(IdempotentRequest<R> request, R replayed, Recorder recorder,
                      Function<IdempotencyKeyTakenException, R> takenAnswer) {
        this.request = request;
        this.replayed = replayed;
        this.recorder = recorder;
        this.takenAnswer = takenAnswer;
    }

    static <R> Admission<R> replay(IdempotentRequest<R> request, R answer) {
        return new Admission<>(request, answer, null, null);
    }

    static <R> Admission<R> toRun(IdempotentRequest<R> request, Recorder recorder,
                                  Function<IdempotencyKeyTakenException, R> takenAnswer) {
        return new Admission<>(request, null, recorder, takenAnswer);
    }

    /** A request without a key: it runs, and nothing is recorded. */
    public static <R> Admission<R> unkeyed() {
        return new Admission<>(null, null, null, taken -> {
            throw taken;
        });
    }

    /** True when the request repeats one that succeeded: {@link #replayed()} is its answer and nothing runs. */
    public boolean isReplay() {
        return recorder == null && request != null;
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
     * Records {@code result} under the request's key, in the transaction that carries its effect (the guarded unit
     * of work does this; a request without a key records nothing).
     *
     * @throws IdempotencyKeyTakenException when a concurrent request claimed the key first and committed
     */
    public void record(R result) {
        if (isReplay()) {
            throw new IllegalStateException("a replayed request records nothing");
        }
        if (recorder != null) {
            recorder.record(request.recorded().applyAsLong(result));
        }
    }

    /**
     * The answer of a request whose {@link #record} found the key taken by a concurrent request that committed
     * first: that request is the first, so its result is replayed. Throws {@code taken} when there is nothing to
     * replay.
     */
    public R answerTaken(IdempotencyKeyTakenException taken) {
        return takenAnswer.apply(taken);
    }
}
