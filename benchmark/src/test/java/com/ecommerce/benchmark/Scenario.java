package com.ecommerce.benchmark;

import com.ecommerce.benchmark.LoadGenerator.Sent;
import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.ServiceInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/** The workloads, each with its fixture and its correctness check. 64 clients in every scenario. */
enum Scenario {

    /** One item, 64 concurrent buyers: every order contends on one stock row. */
    HOT_ITEM("hot-item") {
        @Override
        Prepared prepare(List<ServiceInstance> instances) {
            long item = Fixtures.items(1, 1, 1_000_000)[0];
            long[] buyers = Fixtures.funded(CLIENTS, 100_000_000);
            return new Prepared(random -> new Sent("order",
                    Http.order(pick(instances, random), buyers[random.nextInt(buyers.length)], item, 1)),
                    ok -> conservation(new long[]{item}, 1_000_000, ok.getOrDefault("order", 0L)));
        }
    },
    /** 1,000 items, 64 buyers: little contention, the cost of the lock itself. */
    SPREAD("spread") {
        @Override
        Prepared prepare(List<ServiceInstance> instances) {
            long[] items = Fixtures.items(1_000, 1, 1_000_000);
            long[] buyers = Fixtures.funded(CLIENTS, 100_000_000);
            return new Prepared(random -> new Sent("order", Http.order(pick(instances, random),
                    buyers[random.nextInt(buyers.length)], items[random.nextInt(items.length)], 1)),
                    ok -> conservation(items, 1_000_000, ok.getOrDefault("order", 0L)));
        }
    },
    /** One balance, 64 concurrent chargers. */
    CHARGE_STORM("charge-storm") {
        @Override
        Prepared prepare(List<ServiceInstance> instances) {
            long user = Fixtures.funded(1, 0)[0];
            return new Prepared(random -> new Sent("charge", Http.charge(pick(instances, random), user, 1)),
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
    /** Browsing (60 %: an item, a page of items), charges (20 %) and orders (20 %) over 100 items and 64 users. */
    MIXED("mixed") {
        @Override
        Prepared prepare(List<ServiceInstance> instances) {
            long[] items = Fixtures.items(100, 1, 1_000_000);
            long[] users = Fixtures.funded(CLIENTS, 10_000_000);
            return new Prepared(random -> {
                ServiceInstance to = pick(instances, random);
                int dice = random.nextInt(10);
                if (dice < 3) {
                    return new Sent("read", Http.get(to, "/api/v1/items/" + items[random.nextInt(items.length)]));
                }
                if (dice < 6) {
                    return new Sent("read", Http.get(to, "/api/v1/items?page=" + random.nextInt(5) + "&size=20"));
                }
                if (dice < 8) {
                    return new Sent("charge", Http.charge(to, users[random.nextInt(users.length)], 1));
                }
                return new Sent("order", Http.order(to, users[random.nextInt(users.length)],
                        items[random.nextInt(items.length)], 1));
            }, ok -> conservation(items, 1_000_000, ok.getOrDefault("order", 0L)));
        }
    };

    static final int CLIENTS = 64;

    final String id;

    Scenario(String id) {
        this.id = id;
    }

    /** The request of one client, and the check to run afterwards with the successes counted by kind. */
    record Prepared(Function<ThreadLocalRandom, Sent> request,
                    Function<Map<String, Long>, List<String>> verify) {
    }

    abstract Prepared prepare(List<ServiceInstance> instances);

    private static ServiceInstance pick(List<ServiceInstance> instances, ThreadLocalRandom random) {
        return instances.get(random.nextInt(instances.size()));
    }

    /** Initial - sold = remaining, never negative, sold = successful orders of one unit; plus the global invariants. */
    static List<String> conservation(long[] items, long initialEach, long successfulOrders) {
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
