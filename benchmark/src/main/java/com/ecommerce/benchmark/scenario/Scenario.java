package com.ecommerce.benchmark.scenario;

import com.ecommerce.benchmark.load.LoadGenerator.Sent;
import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.ServiceInstance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The workloads, each with its fixture and its correctness check. 64 clients in every scenario. The read scenarios
 * come first and run on one instance only: they are the floor that the CPU per request of the others is compared with
 * ({@code GET /actuator/info} touches neither the database nor a lock).
 *
 * <p>Tokens: every token is minted in {@code prepare}, before the load (see {@link Auth}). {@code info} and
 * {@code item-read} send none (the baseline, and an anonymous visitor of the public catalogue); every other scenario
 * sends a user's token with every request: {@code info-authenticated} the same request as {@code info} with one (a
 * public route still verifies a token that comes, so the difference between the two is what authentication costs),
 * the buyers, chargers and payers their own. {@link #authenticated} says which, for the report's cost of
 * authentication, and {@link #calls} how many tokens one request carries (a payment's creation and its confirms).
 */
public enum Scenario {

    /** {@code GET /actuator/info}: the cost of an HTTP request through the service's stack and nothing else. */
    INFO("info", true, false) {
        @Override
        public Prepared prepare(List<ServiceInstance> instances) {
            Database.Snapshot before = Database.snapshot();
            return new Prepared(random -> new Sent("read",
                    Auth.anonymousGet(pick(instances, random), "/actuator/info")),
                    ok -> unchanged(before));
        }
    },
    /**
     * {@code GET /actuator/info} with a valid user token: the route is public, but a token that comes is verified
     * (filter and decoder), so the CPU per request over {@code info}'s, in the same run, is what authentication costs.
     */
    INFO_AUTHENTICATED("info-authenticated", true, true) {
        @Override
        public Prepared prepare(List<ServiceInstance> instances) {
            long user = Fixtures.funded(1, 0)[0];
            String bearer = Auth.bearer(user);
            Database.Snapshot before = Database.snapshot();
            return new Prepared(random -> new Sent("read",
                    Http.get(pick(instances, random), "/actuator/info", bearer)),
                    ok -> unchanged(before));
        }
    },
    /** {@code GET /api/v1/items/{id}} over five items: one read of the database per request, no lock. */
    ITEM_READ("item-read", true, false) {
        @Override
        public Prepared prepare(List<ServiceInstance> instances) {
            long[] items = Fixtures.items(5, 1, 1_000);
            Database.Snapshot before = Database.snapshot();
            return new Prepared(random -> new Sent("read", Auth.anonymousGet(pick(instances, random),
                    "/api/v1/items/" + items[random.nextInt(items.length)])),
                    ok -> unchanged(before));
        }
    },

    /** One item, 64 concurrent buyers: every order contends on one stock row. */
    HOT_ITEM("hot-item", false, true) {
        @Override
        public Prepared prepare(List<ServiceInstance> instances) {
            long item = Fixtures.items(1, 1, 1_000_000)[0];
            long[] buyers = Fixtures.funded(CLIENTS, 100_000_000);
            String[] bearers = Auth.bearers(buyers);
            return new Prepared(random -> {
                int buyer = random.nextInt(buyers.length);
                return new Sent("order", Auth.order(pick(instances, random), bearers[buyer], buyers[buyer], item, 1));
            }, ok -> conservation(new long[]{item}, 1_000_000, ok.getOrDefault("order", 0L)));
        }
    },
    /** 1,000 items, 64 buyers: little contention, the cost of the lock itself. */
    SPREAD("spread", false, true) {
        @Override
        public Prepared prepare(List<ServiceInstance> instances) {
            long[] items = Fixtures.items(1_000, 1, 1_000_000);
            long[] buyers = Fixtures.funded(CLIENTS, 100_000_000);
            String[] bearers = Auth.bearers(buyers);
            return new Prepared(random -> {
                int buyer = random.nextInt(buyers.length);
                return new Sent("order", Auth.order(pick(instances, random), bearers[buyer], buyers[buyer],
                        items[random.nextInt(items.length)], 1));
            }, ok -> conservation(items, 1_000_000, ok.getOrDefault("order", 0L)));
        }
    },
    /** One balance, 64 concurrent chargers. */
    CHARGE_STORM("charge-storm", false, true) {
        @Override
        public Prepared prepare(List<ServiceInstance> instances) {
            long user = Fixtures.funded(1, 0)[0];
            String bearer = Auth.bearer(user);
            return new Prepared(random -> new Sent("charge", Auth.charge(pick(instances, random), bearer, user, 1)),
                    ok -> {
                        List<String> problems = new ArrayList<>();
                        long charged = ok.getOrDefault("charge", 0L);
                        long balance = Database.balance(user);
                        if (balance != charged) {
                            problems.add("balance " + balance + " but " + charged + " charges of 1 succeeded");
                        }
                        return problems;
                    });
        }
    },
    /**
     * Browsing (60 %: an item, a page of items), charges (20 %) and orders (20 %) over 100 items and 64 users, all
     * signed in: each request carries its user's token, the catalogue's public reads too (a signed-in client sends
     * its token with every call).
     */
    MIXED("mixed", false, true) {
        @Override
        public Prepared prepare(List<ServiceInstance> instances) {
            long[] items = Fixtures.items(100, 1, 1_000_000);
            long[] users = Fixtures.funded(CLIENTS, 10_000_000);
            String[] bearers = Auth.bearers(users);
            return new Prepared(random -> {
                ServiceInstance to = pick(instances, random);
                int dice = random.nextInt(10);
                int user = random.nextInt(users.length);
                if (dice < 3) {
                    return new Sent("read", Http.get(to, "/api/v1/items/" + items[random.nextInt(items.length)],
                            bearers[user]));
                }
                if (dice < 6) {
                    return new Sent("read", Http.get(to, "/api/v1/items?page=" + random.nextInt(5) + "&size=20",
                            bearers[user]));
                }
                if (dice < 8) {
                    return new Sent("charge", Auth.charge(to, bearers[user], users[user], 1));
                }
                return new Sent("order", Auth.order(to, bearers[user], users[user],
                        items[random.nextInt(items.length)], 1));
            }, ok -> conservation(items, 1_000_000, ok.getOrDefault("order", 0L)));
        }
    },
    /**
     * 64 payers, each client a user of its own (funded at 0): a request creates a payment of 1,000 and confirms it
     * at the gateway (the benchmark's simulator, answering at once), one {@code confirm} counted when the confirm
     * answers {@code 200}. What a confirm costs the service: two short transactions under the user's balance lock
     * (claim, credit) around a gateway call made with no lock held. Its own users, so the strategies' difference is
     * the cost of a lock and a claim, not contention.
     */
    PAYMENT("payment", false, true, 2) {
        @Override
        public Prepared prepare(List<ServiceInstance> instances) {
            Payments payments = Payments.prepare(instances, 1);
            return new Prepared(random -> payments.payAndConfirm(pick(instances, random)),
                    ok -> payments.check(ok.getOrDefault("confirm", 0L)));
        }
    },
    /**
     * A double-click storm: each request creates a payment of 1,000 and sends it {@value Payments#STORM} confirms at
     * once (spread over the instances), as a buyer hammering the button behind a load balancer would; counted as one
     * {@code confirm} when all of them answer {@code 200}. The gateway must receive one confirm per payment: the
     * repeats find the payment claimed or done and wait for it or answer what it ended with.
     */
    PAYMENT_REPEAT("payment-repeat", false, true, 1 + Payments.STORM) {
        @Override
        public Prepared prepare(List<ServiceInstance> instances) {
            Payments payments = Payments.prepare(instances, Payments.STORM);
            return new Prepared(random -> payments.payAndConfirm(pick(instances, random)),
                    ok -> payments.check(ok.getOrDefault("confirm", 0L)));
        }
    };

    public static final int CLIENTS = 64;

    public final String id;

    /** A read scenario: measured on one instance only, changes nothing. */
    public final boolean read;

    /** Every request carries a bearer token (none does otherwise): the service verifies one per request. */
    public final boolean authenticated;

    /**
     * HTTP calls one request of the load generator makes (a payment's creation and its confirms: more than one), each
     * with the token when {@link #authenticated}: the decode timer counts calls, the report's figures are per request.
     */
    public final int calls;

    Scenario(String id, boolean read, boolean authenticated) {
        this(id, read, authenticated, 1);
    }

    Scenario(String id, boolean read, boolean authenticated, int calls) {
        this.id = id;
        this.read = read;
        this.authenticated = authenticated;
        this.calls = calls;
    }

    /**
     * The scenarios that run on {@code instances} instances: every one on one, the writing ones on two. Quick mode
     * ({@code quick}, the correctness check every build runs) runs {@code payment} on two instances only and
     * {@code payment-repeat} not at all: with 64 clients a round of payments takes one to two seconds on two cores,
     * and so does draining it after the measured period, so each payment run costs seconds that the others do not.
     * Two instances are the stronger check (confirms of one payer reach both, the version fence of {@code lock-jvm}).
     */
    public static List<Scenario> on(int instances, boolean quick) {
        return Arrays.stream(values()).filter(s -> s.runsOn(instances, quick)).toList();
    }

    private boolean runsOn(int instances, boolean quick) {
        if (read) {
            return instances == 1;
        }
        if (quick && this == PAYMENT_REPEAT) {
            return false;
        }
        return !quick || this != PAYMENT || instances == 2;
    }

    public static boolean isRead(String id) {
        return Arrays.stream(values()).anyMatch(s -> s.read && s.id.equals(id));
    }

    /**
     * A payment scenario: each instance's first payment is made in {@link #prepare}, before the load, and its check
     * asks the gateway about every payment, or a sample (see {@link Payments}).
     */
    public boolean pays() {
        return this == PAYMENT || this == PAYMENT_REPEAT;
    }

    /** The {@link #calls} of the scenario named {@code id} (1 for a name that is none of these). */
    public static int callsOf(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).mapToInt(s -> s.calls).findFirst().orElse(1);
    }

    /** The request of one client, and the check to run afterwards with the successes counted by kind. */
    public record Prepared(Function<ThreadLocalRandom, Sent> request,
                    Function<Map<String, Long>, List<String>> verify) {
    }

    public abstract Prepared prepare(List<ServiceInstance> instances);

    private static ServiceInstance pick(List<ServiceInstance> instances, ThreadLocalRandom random) {
        return instances.get(random.nextInt(instances.size()));
    }

    /** A read scenario's check: the database is exactly as before, and consistent. */
    public static List<String> unchanged(Database.Snapshot before) {
        List<String> problems = new ArrayList<>(Database.invariantViolations());
        Database.Snapshot after = Database.snapshot();
        if (!after.equals(before)) {
            problems.add("reads changed the database: " + before + " -> " + after);
        }
        return problems;
    }

    /** Initial - sold = remaining, never negative, sold = successful orders of one unit; plus the global invariants. */
    public static List<String> conservation(long[] items, long initialEach, long successfulOrders) {
        List<String> problems = new ArrayList<>(Database.invariantViolations());
        long sold = 0;
        for (long item : items) {
            long itemSold = Database.sold(item);
            long remaining = Database.stock(item);
            sold += itemSold;
            if (remaining < 0 || initialEach - itemSold != remaining) {
                problems.add("item " + item + ": " + initialEach + " - " + itemSold + " != " + remaining);
            }
        }
        if (sold != successfulOrders) {
            problems.add(sold + " units sold but " + successfulOrders + " orders answered 201");
        }
        return problems;
    }
}
