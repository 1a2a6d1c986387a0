package com.ecommerce.benchmark.scenario;

import com.ecommerce.benchmark.load.LoadGenerator.Sent;
import com.ecommerce.benchmark.service.Gateway;
import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.PaymentGatewaySimulator;
import com.ecommerce.systemtest.support.ServiceInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The payment scenarios' payers, requests and exact check. Each of the 64 clients pays as a user of its own: the
 * load generator hands a request function no client number, but runs each client on one virtual thread of its own
 * for the whole run, so a thread-local index taken on a client's first request is that client's for good.
 */
final class Payments {

    static final long AMOUNT = 1_000;
    /** Confirms of one payment sent at once in {@code payment-repeat}. */
    static final int STORM = 8;
    /**
     * The most payments whose confirms the check counts at the gateway, one look-up each: a quick run's payments are
     * fewer (all of them are counted), a full run's a random sample of this many.
     */
    static final int GATEWAY_SAMPLE = 1_000;
    private static final int LOOKUPS_AT_ONCE = 16;

    private final List<ServiceInstance> instances;
    private final int confirms;
    private final long[] users;
    private final String[] bearers;
    private final AtomicInteger nextClient = new AtomicInteger();
    private final ThreadLocal<Integer> client = ThreadLocal.withInitial(nextClient::getAndIncrement);
    /** Requests whose payment some confirm answered 200 for, but not all of its confirms. */
    private final LongAdder partlyConfirmed = new LongAdder();
    private final Map<String, Long> refusedStorms = new ConcurrentHashMap<>();

    private Payments(List<ServiceInstance> instances, int confirms) {
        this.instances = instances;
        this.confirms = confirms;
        this.users = Fixtures.funded(Scenario.CLIENTS, 0);
        this.bearers = Auth.bearers(users);
    }

    /**
     * The payers, and each instance's first payment before the load: an instance's first confirm loads the gateway
     * client and the payment's classes, seconds on a cold JVM, which would otherwise fall into a short measured
     * period. The first payments are a user's of their own, outside the check.
     */
    static Payments prepare(List<ServiceInstance> instances, int confirms) {
        long primer = Fixtures.funded(1, 0)[0];
        String bearer = Auth.bearer(primer);
        for (ServiceInstance instance : instances) {
            Http.Response created = Auth.createPayment(instance, bearer, primer, AMOUNT);
            if (created.status() == 201) {
                Auth.confirmPayment(instance, bearer, primer, created.json().path("paymentId").asString(), AMOUNT);
            }
        }
        return new Payments(instances, confirms);
    }

    /**
     * Creates a payment on {@code to} and confirms it there ({@code confirms} 1) or sends its confirms at once, the
     * i-th to instance i modulo their number. The request's answer: the creation's when it failed, else the first
     * confirm that was not a 200, else the first confirm's.
     */
    Sent payAndConfirm(ServiceInstance to) {
        int payer = client.get() % users.length;
        Http.Response created = Auth.createPayment(to, bearers[payer], users[payer], AMOUNT);
        if (created.status() != 201) {
            return new Sent("confirm", created);
        }
        String paymentId = created.json().path("paymentId").asString();
        if (confirms == 1) {
            return new Sent("confirm", Auth.confirmPayment(to, bearers[payer], users[payer], paymentId, AMOUNT));
        }
        Http.Response[] answers = new Http.Response[confirms];
        Thread[] repeats = new Thread[confirms - 1];
        for (int i = 1; i < confirms; i++) {
            int at = i;
            repeats[i - 1] = Thread.ofVirtual().start(() -> answers[at] = Auth.confirmPayment(
                    instances.get(at % instances.size()), bearers[payer], users[payer], paymentId, AMOUNT));
        }
        answers[0] = Auth.confirmPayment(instances.getFirst(), bearers[payer], users[payer], paymentId, AMOUNT);
        for (Thread repeat : repeats) {
            try {
                repeat.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Sent("confirm", new Http.Response(0, "", null));
            }
        }
        long ok = Arrays.stream(answers).filter(a -> a.status() == 200).count();
        if (ok == confirms) {
            return new Sent("confirm", answers[0]);
        }
        if (ok > 0) {
            partlyConfirmed.increment();
        }
        Http.Response refused = Arrays.stream(answers).filter(a -> a.status() != 200).findFirst().orElseThrow();
        refusedStorms.merge(refused.outcome(), 1L, Long::sum);
        return new Sent("confirm", refused);
    }

    /**
     * After the load, for this scenario's payers: every request answered 200 left a {@code DONE} payment and every
     * {@code DONE} payment was answered 200 (in {@code payment-repeat}, to at least one of its confirms); each is
     * credited exactly once (the balances add up to {@link #AMOUNT} per {@code DONE} payment, one {@code CHARGE}
     * entry of its amount names it, and none names another payment of theirs); and the gateway received exactly one
     * confirm of each (all of them, or a sample of {@link #GATEWAY_SAMPLE}); plus the database's invariants.
     */
    List<String> check(long confirmed) {
        List<String> problems = new ArrayList<>(Database.invariantViolations());
        String in = Arrays.stream(users).mapToObj(Long::toString).collect(Collectors.joining(",", "(", ")"));
        List<String> done = ids("select payment_id from payment where status = 'DONE' and user_id in " + in);
        long answered = confirmed + partlyConfirmed.sum();
        if (done.size() != answered) {
            problems.add(done.size() + " payments DONE but " + answered + " requests had a confirm answered 200"
                    + (confirms > 1 ? " (" + partlyConfirmed.sum() + " of them not all " + confirms + ")" : ""));
        }
        long balances = Database.number("select coalesce(sum(balance), 0) from point_balance where user_id in " + in);
        if (balances != AMOUNT * done.size()) {
            problems.add("balances add up to " + balances + ", not " + AMOUNT + " x " + done.size() + " DONE payments");
        }
        long credits = Database.number("select count(*) from point_history where type = 'CHARGE' and user_id in " + in);
        long matching = Database.number("select count(*) from point_history h join payment p on p.payment_id = "
                + "h.payment_id where h.type = 'CHARGE' and p.status = 'DONE' and h.user_id = p.user_id and h.amount = "
                + "p.amount and p.user_id in " + in);
        if (credits != done.size() || matching != done.size()) {
            problems.add(credits + " CHARGE entries (" + matching + " naming a DONE payment of theirs with its amount) "
                    + "for " + done.size() + " DONE payments");
        }
        problems.addAll(gatewayConfirms(done));
        if (!refusedStorms.isEmpty()) {
            System.out.printf("[bench] storms with a confirm not answered 200, by its code: %s%n", refusedStorms);
        }
        return problems;
    }

    /** The payments of {@code done} (or a random sample) whose confirms at the gateway were not exactly one. */
    private static List<String> gatewayConfirms(List<String> done) {
        List<String> checked = new ArrayList<>(done);
        if (checked.size() > GATEWAY_SAMPLE) {
            Collections.shuffle(checked);
            checked = checked.subList(0, GATEWAY_SAMPLE);
        }
        PaymentGatewaySimulator gateway = Gateway.simulator();
        List<String> wrong = new ArrayList<>();
        try (ExecutorService lookups = Executors.newFixedThreadPool(LOOKUPS_AT_ONCE, Thread.ofVirtual().factory())) {
            List<Future<Integer>> counts = checked.stream().map(id -> lookups.submit(() -> gateway.confirms(id)))
                    .toList();
            for (int i = 0; i < checked.size(); i++) {
                int count = counts.get(i).get();
                if (count != 1) {
                    wrong.add(checked.get(i) + ": " + count);
                }
            }
        } catch (Exception e) {
            return List.of("the gateway's counts could not be read: " + e);
        }
        System.out.printf("[bench] gateway: confirms counted for %d of %d DONE payments%n", checked.size(),
                done.size());
        return wrong.isEmpty() ? List.of() : List.of(wrong.size() + " of " + checked.size() + " DONE payments were "
                + "not confirmed exactly once at the gateway (id: confirms): "
                + wrong.subList(0, Math.min(5, wrong.size())));
    }

    private static List<String> ids(String sql) {
        List<String> ids = new ArrayList<>();
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return ids;
    }
}
