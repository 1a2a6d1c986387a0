package com.ecommerce.pgsimulator;

import com.ecommerce.pgsimulator.Behaviour.Mode;
import com.ecommerce.pgsimulator.Call.Kind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** The simulated PG: its payments, the behaviour scripted per order id, and the record of every call. */
final class Gateway {

    /** @param body what is answered as JSON; null for none */
    record Answer(int status, Object body) {
    }

    /** Korea's offset, as Toss answers its timestamps. */
    private static final ZoneOffset KST = ZoneOffset.ofHours(9);

    private final Settings settings;
    private final byte[] expectedAuthorization;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Answer>> firstAnswers = new ConcurrentHashMap<>();
    /** By order id; guarded by this. */
    private final Map<String, Payment> payments = new HashMap<>();
    /** In arrival order; guarded by this. */
    private final List<CallRecord> calls = new ArrayList<>();

    Gateway(Settings settings) {
        this.settings = settings;
        this.expectedAuthorization = ("Basic " + Base64.getEncoder().encodeToString(
                (settings.secretKey() + ":").getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
    }

    Answer confirm(String authorization, String idempotencyKey, String paymentKey, String orderId, Long amount) {
        CallRecord call = record(Kind.CONFIRM, orderId, paymentKey, idempotencyKey);
        if (!authorized(authorization)) {
            return call.answered(unauthorized());
        }
        if (blank(paymentKey) || blank(orderId) || amount == null || amount <= 0) {
            return call.answered(error(400, "INVALID_REQUEST", "paymentKey, orderId and a positive amount are required"));
        }
        if (idempotencyKey == null) {
            return call.answered(confirm(paymentKey, orderId, amount));
        }
        CompletableFuture<Answer> mine = new CompletableFuture<>();
        CompletableFuture<Answer> first = firstAnswers.putIfAbsent(idempotencyKey, mine);
        if (first != null) {
            return call.answered(first.join());
        }
        try {
            Answer answer = confirm(paymentKey, orderId, amount);
            // an internal failure approved nothing: the key's next confirm is processed afresh, not answered 500 again
            if (answer.status() >= 500) {
                firstAnswers.remove(idempotencyKey, mine);
            }
            mine.complete(answer);
            return call.answered(answer);
        } catch (RuntimeException e) {
            firstAnswers.remove(idempotencyKey, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private Answer confirm(String paymentKey, String orderId, long amount) {
        Behaviour behaviour = behaviour(orderId);
        if (behaviour.mode() == Mode.APPROVE_LATE) {
            Map<String, Object> approval = approve(paymentKey, orderId, amount);
            sleep(behaviour.answerAfter());
            return new Answer(200, approval);
        }
        sleep(behaviour.latency() != null ? behaviour.latency() : randomLatency());
        if (behaviour.mode() == Mode.DECLINE) {
            return error(403, behaviour.code(), "the card company refused the payment");
        }
        if (behaviour.mode() == Mode.FAIL_ONCE && failedOnce.add(orderId)) {
            return error(500, "FAILED_INTERNAL_SYSTEM_PROCESSING", "an internal error occurred; try again");
        }
        return new Answer(200, approve(paymentKey, orderId, amount));
    }

    Answer lookup(String authorization, String orderId) {
        CallRecord call = record(Kind.LOOKUP, orderId, null, null);
        if (!authorized(authorization)) {
            return call.answered(unauthorized());
        }
        Duration latency = behaviour(orderId).lookupLatency();
        if (latency != null) {
            sleep(latency);
        }
        synchronized (this) {
            Payment payment = payments.get(orderId);
            if (payment == null) {
                return call.answered(notFound());
            }
            call.paymentKey = payment.paymentKey;
            return call.answered(new Answer(200, payment.view()));
        }
    }

    Answer cancel(String authorization, String paymentKey, String cancelReason) {
        CallRecord call = record(Kind.CANCEL, null, paymentKey, null);
        if (!authorized(authorization)) {
            return call.answered(unauthorized());
        }
        if (blank(cancelReason)) {
            return call.answered(error(400, "INVALID_REQUEST", "cancelReason is required"));
        }
        synchronized (this) {
            Payment payment = payments.values().stream()
                    .filter(p -> p.paymentKey.equals(paymentKey)).findFirst().orElse(null);
            if (payment == null) {
                return call.answered(notFound());
            }
            call.orderId = payment.orderId;
            if (payment.canceled) {
                return call.answered(error(400, "ALREADY_CANCELED_PAYMENT", "the payment is already canceled"));
            }
            payment.canceled = true;
            return call.answered(new Answer(200, payment.view()));
        }
    }

    void behave(String orderId, Behaviour behaviour) {
        behaviours.put(orderId, behaviour);
        failedOnce.remove(orderId);
    }

    synchronized List<Call> calls(String orderIdOrNull) {
        return calls.stream().filter(c -> orderIdOrNull == null || orderIdOrNull.equals(c.orderId))
                .map(CallRecord::toCall).toList();
    }

    synchronized int approvals(String orderId) {
        Payment payment = payments.get(orderId);
        return payment == null ? 0 : payment.approvals;
    }

    synchronized Map<String, Object> summary(String orderId) {
        Payment payment = payments.get(orderId);
        List<Call> ofOrder = calls(orderId);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("orderId", orderId);
        summary.put("approvals", payment == null ? 0 : payment.approvals);
        summary.put("status", payment == null ? null : payment.status());
        summary.put("confirms", ofOrder.stream().filter(c -> c.kind() == Kind.CONFIRM).count());
        summary.put("lookups", ofOrder.stream().filter(c -> c.kind() == Kind.LOOKUP).count());
        summary.put("cancels", ofOrder.stream().filter(c -> c.kind() == Kind.CANCEL).count());
        return summary;
    }

    synchronized void reset() {
        behaviours.clear();
        failedOnce.clear();
        firstAnswers.clear();
        payments.clear();
        calls.clear();
    }

    /** Without duplicate protection: every approving confirm counts, the experiment's point is to count them. */
    private synchronized Map<String, Object> approve(String paymentKey, String orderId, long amount) {
        Payment payment = payments.computeIfAbsent(orderId, Payment::new);
        payment.paymentKey = paymentKey;
        payment.amount = amount;
        payment.approvedAt = OffsetDateTime.now(KST).truncatedTo(ChronoUnit.SECONDS);
        payment.approvals++;
        payment.canceled = false;
        return payment.view();
    }

    private synchronized CallRecord record(Kind kind, String orderId, String paymentKey, String idempotencyKey) {
        CallRecord call = new CallRecord(kind, orderId, paymentKey, idempotencyKey, Instant.now());
        calls.add(call);
        return call;
    }

    private Behaviour behaviour(String orderId) {
        return behaviours.getOrDefault(orderId, Behaviour.approve());
    }

    private boolean authorized(String authorization) {
        return authorization != null && MessageDigest.isEqual(expectedAuthorization,
                authorization.trim().getBytes(StandardCharsets.UTF_8));
    }

    private Duration randomLatency() {
        long min = settings.latencyMin().toNanos();
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(min, settings.latencyMax().toNanos() + 1));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating latency", e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Answer unauthorized() {
        return error(401, "UNAUTHORIZED_KEY", "the secret key is missing or wrong");
    }

    private static Answer notFound() {
        return error(404, "NOT_FOUND_PAYMENT", "no such payment");
    }

    static Answer error(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return new Answer(status, body);
    }

    /** Mutable, guarded by the gateway. */
    private static final class Payment {
        final String orderId;
        String paymentKey;
        long amount;
        OffsetDateTime approvedAt;
        int approvals;
        boolean canceled;

        Payment(String orderId) {
            this.orderId = orderId;
        }

        String status() {
            return canceled ? "CANCELED" : "DONE";
        }

        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("paymentKey", paymentKey);
            view.put("orderId", orderId);
            view.put("status", status());
            view.put("totalAmount", amount);
            view.put("approvedAt", approvedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            view.put("method", "CARD");
            return view;
        }
    }

    /** A call as it arrived, completed when answered. */
    private static final class CallRecord {
        final Kind kind;
        final String idempotencyKey;
        final Instant receivedAt;
        volatile String orderId;
        volatile String paymentKey;
        volatile Integer status;
        volatile Instant answeredAt;

        CallRecord(Kind kind, String orderId, String paymentKey, String idempotencyKey, Instant receivedAt) {
            this.kind = kind;
            this.orderId = orderId;
            this.paymentKey = paymentKey;
            this.idempotencyKey = idempotencyKey;
            this.receivedAt = receivedAt;
        }

        Answer answered(Answer answer) {
            status = answer.status();
            answeredAt = Instant.now();
            return answer;
        }

        Call toCall() {
            return new Call(kind, orderId, paymentKey, idempotencyKey, status, receivedAt, answeredAt);
        }
    }
}
