package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.Endpoint;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.Load;
import com.ecommerce.systemtest.support.Load.Tally;
import com.ecommerce.systemtest.support.PaymentGatewaySimulator;
import com.ecommerce.systemtest.support.ServiceInstance;
import com.ecommerce.systemtest.support.Summary;
import com.ecommerce.systemtest.support.Tokens;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payments through the gateway simulator (0.3 to 2 s per confirm), on two instances of one strategy: what the
 * gateway was asked, what was credited, what every caller was answered. Instance {@code b} sends idempotency keys
 * to the gateway, {@code a} does not; the counts below are of confirm calls, which a key does not hide.
 */
final class PaymentScenarios {

    static final long AMOUNT = 10_000;

    private final String strategy;
    private final PaymentGatewaySimulator gateway;

    PaymentScenarios(String strategy, PaymentGatewaySimulator gateway) {
        this.strategy = strategy;
        this.gateway = gateway;
    }

    static String create(Endpoint to, long userId, long amount) {
        Http.Response created = Http.post(to, "/api/v1/users/" + userId + "/points/payments",
                "{\"amount\":" + amount + "}", "Authorization", Tokens.bearer(Tokens.user(userId)));
        Http.expect(created, 201);
        return created.json().path("paymentId").asString();
    }

    static Http.Response confirm(Endpoint to, long userId, String paymentId, long amount) {
        return confirmAs(to, Tokens.bearer(Tokens.user(userId)), userId, paymentId, amount);
    }

    static Http.Response confirmAs(Endpoint to, String authorization, long userId, String paymentId, long amount) {
        return Http.postWith(to, "/api/v1/users/" + userId + "/points/payments/" + paymentId + "/confirm",
                "{\"paymentKey\":\"pk_" + paymentId + "\",\"amount\":" + amount + "}", authorization);
    }

    static JsonNode read(Endpoint to, long userId, String paymentId) {
        Http.Response r = Http.get(to, "/api/v1/users/" + userId + "/points/payments/" + paymentId,
                Tokens.bearer(Tokens.user(userId)));
        Http.expect(r, 200);
        return r.json();
    }

    static long credits(String paymentId) {
        return Database.number("select count(*) from point_history where payment_id = ? and type = 'CHARGE'",
                paymentId);
    }

    /** 40 confirms of one payment at once, spread over both instances: one confirm, one credit, one answer. */
    void fortyConcurrentConfirms(ServiceInstance a, ServiceInstance b) {
        long user = Http.newUser(a, 0);
        String payment = create(a, user, AMOUNT);
        Set<JsonNode> bodies = ConcurrentHashMap.newKeySet();
        Tally tally = Load.run(40, 40, i -> {
            Http.Response r = confirm(i % 2 == 0 ? a : b, user, payment, AMOUNT);
            if (r.status() == 200) {
                bodies.add(r.json());
            }
            return r;
        });

        assertThat(tally.counts()).as(() -> "the gateway's record: " + gateway.callRecords(payment))
                .containsExactly(java.util.Map.entry("OK", 40));
        assertThat(bodies).as("one body for all 40 answers").hasSize(1);
        JsonNode body = bodies.iterator().next();
        assertThat(body.path("status").asString()).isEqualTo("DONE");
        assertThat(body.path("balance").asLong()).isEqualTo(AMOUNT);
        assertThat(gateway.confirms(payment)).as("confirms the gateway received").isEqualTo(1);
        assertThat(gateway.approvals(payment)).isEqualTo(1);
        assertThat(Database.balance(user)).isEqualTo(AMOUNT);
        assertThat(credits(payment)).isEqualTo(1);
        Summary.add("40 confirms of one payment, 2 instances", strategy, tally,
                "1 confirm at the gateway, 1 credit, 1 body");
    }

    /** A decline is final: one call, nothing credited, every repeat answers the same refusal. */
    void declineIsFinal(ServiceInstance a, ServiceInstance b) {
        long user = Http.newUser(a, 0);
        String payment = create(a, user, AMOUNT);
        gateway.behave(payment, "{\"mode\":\"DECLINE\",\"code\":\"REJECT_CARD_PAYMENT\"}");

        Http.Response first = confirm(a, user, payment, AMOUNT);
        Http.Response repeat = confirm(b, user, payment, AMOUNT);

        for (Http.Response r : List.of(first, repeat)) {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.outcome()).isEqualTo("PAYMENT_DECLINED");
            assertThat(r.json().path("pgCode").asString()).isEqualTo("REJECT_CARD_PAYMENT");
        }
        assertThat(read(b, user, payment).path("status").asString()).isEqualTo("DECLINED");
        assertThat(gateway.confirms(payment)).isEqualTo(1);
        assertThat(Database.balance(user)).isZero();
        assertThat(credits(payment)).isZero();
    }

    /**
     * The gateway approves but answers after the read timeout: {@code 503 PAYMENT_OUTCOME_UNKNOWN}; the repeat, on
     * the other instance, looks the payment up, finds it approved and credits it, without a second confirm.
     */
    void lateApprovalIsLookedUpAndCreditedOnce(ServiceInstance a, ServiceInstance b) {
        long user = Http.newUser(a, 0);
        String payment = create(a, user, AMOUNT);
        gateway.behave(payment, "{\"mode\":\"APPROVE_LATE\",\"answerAfterMs\":6000}");

        Http.Response first = confirm(a, user, payment, AMOUNT);
        assertThat(first.status()).as(first.body()).isEqualTo(503);
        assertThat(first.outcome()).isEqualTo("PAYMENT_OUTCOME_UNKNOWN");
        assertThat(first.header("Retry-After")).isNotBlank();
        Http.Response repeat = confirm(b, user, payment, AMOUNT);

        assertThat(repeat.status()).as(repeat.body()).isEqualTo(200);
        assertThat(repeat.json().path("balance").asLong()).isEqualTo(AMOUNT);
        assertThat(gateway.confirms(payment)).as("no second confirm").isEqualTo(1);
        assertThat(gateway.calls(payment)).contains("LOOKUP 200");
        assertThat(Database.balance(user)).isEqualTo(AMOUNT);
        assertThat(credits(payment)).isEqualTo(1);
    }

    /** A gateway {@code 500}: the payment is looked up (not approved) before it is confirmed again. */
    void gatewayErrorIsLookedUpBeforeConfirmingAgain(ServiceInstance a, ServiceInstance b) {
        long user = Http.newUser(a, 0);
        String payment = create(a, user, AMOUNT);
        gateway.behave(payment, "{\"mode\":\"FAIL_ONCE\"}");

        Http.Response first = confirm(a, user, payment, AMOUNT);
        assertThat(first.outcome()).as(first.body()).isEqualTo("PAYMENT_OUTCOME_UNKNOWN");
        Http.Response repeat = confirm(b, user, payment, AMOUNT);

        assertThat(repeat.status()).as(repeat.body()).isEqualTo(200);
        List<String> calls = gateway.calls(payment);
        assertThat(calls.getFirst()).isEqualTo("CONFIRM 500");
        assertThat(calls.getLast()).isEqualTo("CONFIRM 200");
        assertThat(calls.subList(1, calls.size() - 1)).as("between the two confirms: look-ups only")
                .isNotEmpty().allMatch(call -> call.equals("LOOKUP 404"));
        assertThat(gateway.approvals(payment)).isEqualTo(1);
        assertThat(Database.balance(user)).isEqualTo(AMOUNT);
        assertThat(credits(payment)).isEqualTo(1);
    }

    /**
     * The balance reaches its cap between the payment's creation and its confirm: the gateway's approval can no longer
     * be credited, so it is cancelled at the gateway and the buyer is told; the repeat answers the same, and nothing
     * was credited.
     */
    void anApprovalPastTheCapIsCancelledAtTheGateway(ServiceInstance a, ServiceInstance b) {
        long user = Http.newUser(a, 100_000_000 - AMOUNT);
        String payment = create(a, user, AMOUNT);
        Http.expect(Http.charge(b, user, 1), 200);

        Http.Response refused = confirm(a, user, payment, AMOUNT);
        Http.Response repeat = confirm(b, user, payment, AMOUNT);

        assertThat(refused.outcome()).as(refused.body()).isEqualTo("POINT_LIMIT_EXCEEDED");
        assertThat(refused.json().path("detail").asString()).contains("cancelled");
        assertThat(repeat.outcome()).isEqualTo("POINT_LIMIT_EXCEEDED");
        assertThat(read(b, user, payment).path("status").asString()).isEqualTo("CANCELED");
        assertThat(gateway.calls(payment)).containsExactly("CONFIRM 200", "CANCEL 200");
        assertThat(gateway.payment(payment).path("status").asString()).isEqualTo("CANCELED");
        assertThat(Database.balance(user)).isEqualTo(100_000_000 - AMOUNT + 1);
        assertThat(credits(payment)).isZero();
    }

    /** Requests the service refuses (401, 403, 404, amount mismatch) never reach the gateway and change nothing. */
    void refusedConfirmsNeverReachTheGateway(ServiceInstance a, ServiceInstance b) {
        long user = Http.newUser(a, 0);
        long other = Http.newUser(a, 0);
        String payment = create(a, user, AMOUNT);

        assertThat(confirmAs(a, null, user, payment, AMOUNT).outcome()).isEqualTo("UNAUTHENTICATED");
        assertThat(confirmAs(b, Tokens.bearer(Tokens.user(other)), user, payment, AMOUNT).outcome())
                .isEqualTo("FORBIDDEN");
        assertThat(confirm(a, other, payment, AMOUNT).outcome()).as("another user's payment")
                .isEqualTo("PAYMENT_NOT_FOUND");
        assertThat(confirm(b, user, "pay_never_created", AMOUNT).outcome()).isEqualTo("PAYMENT_NOT_FOUND");
        assertThat(confirm(a, user, payment, AMOUNT + 1).outcome()).isEqualTo("PAYMENT_AMOUNT_MISMATCH");

        assertThat(gateway.calls(payment)).isEmpty();
        assertThat(read(b, user, payment).path("status").asString()).isEqualTo("READY");
        assertThat(Database.balance(user)).isZero();
    }

    /**
     * {@code b} is SIGKILLed while the gateway is answering its confirm; the gateway approves anyway. The survivor's
     * reconciler (or a repeat) finds the payment past its claim, looks it up, and credits it: no second confirm.
     *
     * @return when the survivor had completed it, in ms after the kill
     */
    long instanceKilledMidConfirm(ServiceInstance survivor, ServiceInstance victim) {
        long user = Http.newUser(survivor, 0);
        String payment = create(survivor, user, AMOUNT);
        gateway.behave(payment, "{\"mode\":\"APPROVE\",\"latencyMs\":2000}");
        CompletableFuture<Http.Response> dying = CompletableFuture.supplyAsync(
                () -> confirm(victim, user, payment, AMOUNT));
        gateway.awaitConfirmReceived(payment, Duration.ofSeconds(10));
        victim.kill();
        long killedAt = System.nanoTime();
        assertThat(dying.join().status()).as("the killed instance answered nothing").isZero();

        String status;
        do {
            TwoInstancesScenarios.sleep(200);
            status = read(survivor, user, payment).path("status").asString();
        } while (!status.equals("DONE") && System.nanoTime() - killedAt < Duration.ofSeconds(40).toNanos());
        long completedMs = (System.nanoTime() - killedAt) / 1_000_000;

        assertThat(status).isEqualTo("DONE");
        Http.Response repeat = confirm(survivor, user, payment, AMOUNT);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().path("balance").asLong()).isEqualTo(AMOUNT);
        assertThat(gateway.confirms(payment)).as("no second confirm").isEqualTo(1);
        assertThat(gateway.approvals(payment)).isEqualTo(1);
        assertThat(Database.balance(user)).isEqualTo(AMOUNT);
        assertThat(credits(payment)).isEqualTo(1);
        return completedMs;
    }

    /**
     * The experiment of the source report: 20 concurrent confirms of one payment on one instance; how many
     * approvals the gateway recorded.
     */
    int twentyConfirmsOnOneInstance(ServiceInstance on, String keys) {
        long user = Http.newUser(on, 0);
        String payment = create(on, user, AMOUNT);
        Tally tally = Load.run(20, 20, i -> confirm(on, user, payment, AMOUNT));
        int approvals = gateway.approvals(payment);
        String records = gateway.callRecords(payment).replace(" ", "");
        if (keys.equals("on")) {
            assertThat(records).as("the payment id is the key").contains("\"idempotencyKey\":\"" + payment + "\"");
        } else {
            assertThat(records).as("no key sent").doesNotContain("\"idempotencyKey\":\"");
        }
        assertThat(tally.counts()).as("keys " + keys).containsExactly(java.util.Map.entry("OK", 20));
        assertThat(approvals).isEqualTo(1);
        assertThat(credits(payment)).isEqualTo(1);
        Summary.add("20 confirms of one payment, idempotency keys " + keys, strategy, tally,
                approvals + " approval(s) at the gateway, " + gateway.confirms(payment) + " confirm(s) sent");
        return approvals;
    }
}
