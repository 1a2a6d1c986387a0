package com.ecommerce.application.payment.service;

import com.ecommerce.application.payment.port.out.PaymentGatewayPort;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A gateway whose answers the test writes in advance, per call kind, in order; unscripted calls answer as a gateway
 * that approves everything would. Records every call ({@code CONFIRM}, {@code LOOKUP}, {@code CANCEL}). A confirm
 * may be held until the test releases it, to put other requests in its way.
 */
final class ScriptedGateway implements PaymentGatewayPort {

    static final Instant APPROVED_AT = Instant.parse("2026-12-07T01:00:00Z");

    private final Deque<Supplier<Outcome>> confirms = new ArrayDeque<>();
    private final Deque<Supplier<Outcome>> lookUps = new ArrayDeque<>();
    private final Deque<Supplier<Outcome>> cancels = new ArrayDeque<>();
    private final List<String> calls = new ArrayList<>();
    private volatile boolean approved;
    private volatile CountDownLatch confirmEntered;
    private volatile CountDownLatch confirmReleased;
    private final BooleanSupplier lockOrTransactionHeld;

    /** @param lockOrTransactionHeld whether the calling thread holds a lock or a transaction: a call then fails */
    ScriptedGateway(BooleanSupplier lockOrTransactionHeld) {
        this.lockOrTransactionHeld = lockOrTransactionHeld;
    }

    private void requireNothingHeld(String call) {
        if (lockOrTransactionHeld.getAsBoolean()) {
            throw new AssertionError(call + " was sent with a lock or a transaction held");
        }
    }

    ScriptedGateway confirmAnswers(Outcome... outcomes) {
        for (Outcome outcome : outcomes) {
            confirms.add(() -> outcome);
        }
        return this;
    }

    ScriptedGateway lookUpAnswers(Outcome... outcomes) {
        for (Outcome outcome : outcomes) {
            lookUps.add(() -> outcome);
        }
        return this;
    }

    ScriptedGateway cancelAnswers(Outcome... outcomes) {
        for (Outcome outcome : outcomes) {
            cancels.add(() -> outcome);
        }
        return this;
    }

    /** The next confirm waits in the gateway until {@link #releaseConfirm()}. */
    ScriptedGateway holdConfirm() {
        confirmEntered = new CountDownLatch(1);
        confirmReleased = new CountDownLatch(1);
        return this;
    }

    void awaitConfirmEntered() throws InterruptedException {
        if (!confirmEntered.await(5, TimeUnit.SECONDS)) {
            throw new AssertionError("no confirm reached the gateway");
        }
    }

    void releaseConfirm() {
        confirmReleased.countDown();
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    long count(String kind) {
        return calls().stream().filter(kind::equals).count();
    }

    @Override
    public Outcome confirm(String paymentKey, String paymentId, long amount) {
        Supplier<Outcome> scripted;
        CountDownLatch entered = confirmEntered;
        requireNothingHeld("CONFIRM");
        synchronized (this) {
            calls.add("CONFIRM");
            scripted = confirms.poll();
        }
        if (entered != null && entered.getCount() > 0) {
            entered.countDown();
            try {
                confirmReleased.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Outcome outcome = scripted == null ? new Approved(paymentKey, amount, APPROVED_AT) : scripted.get();
        if (outcome instanceof Approved) {
            approved = true;
        }
        return outcome;
    }

    @Override
    public Outcome lookUp(String paymentId) {
        Supplier<Outcome> scripted;
        requireNothingHeld("LOOKUP");
        synchronized (this) {
            calls.add("LOOKUP");
            scripted = lookUps.poll();
        }
        if (scripted != null) {
            return scripted.get();
        }
        return approved ? new Approved("pk", 0, APPROVED_AT) : new NoApproval();
    }

    @Override
    public Outcome cancel(String paymentKey, String reason) {
        Supplier<Outcome> scripted;
        requireNothingHeld("CANCEL");
        synchronized (this) {
            calls.add("CANCEL");
            scripted = cancels.poll();
        }
        return scripted == null ? new Canceled() : scripted.get();
    }
}
