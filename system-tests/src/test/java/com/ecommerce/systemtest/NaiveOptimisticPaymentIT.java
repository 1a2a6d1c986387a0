package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.PaymentGatewaySimulator;
import com.ecommerce.systemtest.support.Summary;
import com.ecommerce.systemtest.support.Load.Tally;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow the source report warns against, written here and only here (never in the product): read the payment,
 * see it "not yet paid", ask the gateway to confirm it, then write "paid" with a version check. The version check
 * lets one write through, but every request that read before it has already asked the gateway: 20 concurrent
 * confirms of one payment are approved as often as the gateway allows. Against the simulator (0.3 to 2 s per
 * confirm), which, like many gateways, has no duplicate protection unless given an idempotency key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NaiveOptimisticPaymentIT {

    static final int CONFIRMS = 20;

    private PaymentGatewaySimulator gateway;

    @BeforeAll
    void table() throws SQLException {
        gateway = PaymentGatewaySimulator.shared();
        try (Connection c = Database.connect()) {
            c.createStatement().execute("create table if not exists naive_payment (payment_id varchar(64) primary key,"
                    + " amount bigint not null, status varchar(16) not null, version bigint not null)");
        }
    }

    @Test
    void withoutIdempotencyKeys_oneWriteWinsButThePaymentIsApprovedOncePerConfirm() throws Exception {
        Result result = twentyNaiveConfirms("naive_nokey_" + System.nanoTime(), false);

        assertThat(result.written()).as("the version check lets one write through").isEqualTo(1);
        assertThat(result.confirmsSent()).isEqualTo(CONFIRMS);
        assertThat(result.approvals()).as("approved more than once: the report's lost money").isGreaterThan(1);
        Summary.add("20 confirms of one payment, idempotency keys off", "naive optimistic (test only)",
                new Tally(Map.of("WRITTEN", result.written(), "VERSION_REFUSED", CONFIRMS - result.written()),
                        CONFIRMS), result.approvals() + " approval(s) at the gateway, " + result.confirmsSent()
                        + " confirm(s) sent");
    }

    @Test
    void withIdempotencyKeys_theGatewayApprovesOnceThoughEveryConfirmIsSent() throws Exception {
        Result result = twentyNaiveConfirms("naive_key_" + System.nanoTime(), true);

        assertThat(result.written()).isEqualTo(1);
        assertThat(result.confirmsSent()).isEqualTo(CONFIRMS);
        assertThat(result.approvals()).as("the gateway's idempotency key saves it").isEqualTo(1);
        Summary.add("20 confirms of one payment, idempotency keys on", "naive optimistic (test only)",
                new Tally(Map.of("WRITTEN", result.written(), "VERSION_REFUSED", CONFIRMS - result.written()),
                        CONFIRMS), result.approvals() + " approval(s) at the gateway, " + result.confirmsSent()
                        + " confirm(s) sent");
    }

    record Result(int written, int confirmsSent, int approvals) {
    }

    private Result twentyNaiveConfirms(String paymentId, boolean idempotencyKeys) throws Exception {
        try (Connection c = Database.connect();
             PreparedStatement insert = c.prepareStatement("insert into naive_payment values (?, 10000, 'READY', 0)")) {
            insert.setString(1, paymentId);
            insert.executeUpdate();
        }
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger written = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        List<Future<?>> confirms = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(CONFIRMS)) {
            for (int i = 0; i < CONFIRMS; i++) {
                confirms.add(threads.submit(() -> {
                    go.await();
                    naiveConfirm(paymentId, idempotencyKeys, written, sent);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> confirm : confirms) {
                confirm.get();
            }
        }
        return new Result(written.get(), sent.get(), gateway.approvals(paymentId));
    }

    /** Read, call the gateway, write with the version check: each step on its own, as the naive flow does. */
    private void naiveConfirm(String paymentId, boolean idempotencyKeys, AtomicInteger written, AtomicInteger sent)
            throws SQLException {
        long version;
        try (Connection c = Database.connect();
             PreparedStatement read = c.prepareStatement(
                     "select status, version from naive_payment where payment_id = ?")) {
            read.setString(1, paymentId);
            try (ResultSet row = read.executeQuery()) {
                row.next();
                if (!row.getString(1).equals("READY")) {
                    return;
                }
                version = row.getLong(2);
            }
        }
        HttpRequest.Builder confirm = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/payments/confirm"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (PaymentGatewaySimulator.SECRET_KEY + ":").getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"paymentKey\":\"pk_" + paymentId + "\",\"orderId\":\""
                        + paymentId + "\",\"amount\":10000}"));
        if (idempotencyKeys) {
            confirm.header("Idempotency-Key", paymentId);
        }
        sent.incrementAndGet();
        Http.Response answer = Http.send(confirm);
        if (answer.status() != 200) {
            return;
        }
        try (Connection c = Database.connect();
             PreparedStatement write = c.prepareStatement("update naive_payment set status = 'DONE', "
                     + "version = version + 1 where payment_id = ? and version = ?")) {
            write.setString(1, paymentId);
            write.setLong(2, version);
            written.addAndGet(write.executeUpdate());
        }
    }
}
