package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.Http.Response;
import com.ecommerce.systemtest.support.Load;
import com.ecommerce.systemtest.support.ServiceInstance;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and hostile requests against a running instance: each must get the status and code of API.md, and the
 * database must be exactly as before (sums of balances and stock, counts of every table).
 */
final class BadInputBattery {

    record Case(String label, Supplier<Response> request, int status, String code) {
    }

    private BadInputBattery() {
    }

    static Load.Tally run(ServiceInstance to) {
        long user = Http.newUser(to, 1_000);
        long poor = Http.newUser(to, 0);
        long rich = Http.newUser(to, 100_000_000);
        long item = Http.newItem(to, 500, 5);
        long full = Http.newItem(to, 1, 1_000_000);
        Http.expect(Http.post(to, "/api/v1/users/" + user + "/points/charge", "{\"amount\":10}",
                "Idempotency-Key", "battery-key"), 200);
        String charge = "/api/v1/users/" + user + "/points/charge";
        String fiftyOne = IntStream.rangeClosed(1, 51).mapToObj(i -> "{\"itemId\":" + i + ",\"quantity\":1}")
                .collect(Collectors.joining(","));
        String big = "{\"name\":\"" + "x".repeat(70_000) + "\"}";

        List<Case> cases = new ArrayList<>(List.of(
                // users
                bad("blank name", () -> Http.post(to, "/api/v1/users", "{\"name\":\"   \"}")),
                bad("empty name", () -> Http.post(to, "/api/v1/users", "{\"name\":\"\"}")),
                bad("missing name", () -> Http.post(to, "/api/v1/users", "{}")),
                bad("null name", () -> Http.post(to, "/api/v1/users", "{\"name\":null}")),
                bad("number as name", () -> Http.post(to, "/api/v1/users", "{\"name\":123}")),
                bad("unknown field", () -> Http.post(to, "/api/v1/users", "{\"name\":\"kim\",\"admin\":true}")),
                bad("101-character name", () -> Http.post(to, "/api/v1/users", "{\"name\":\"" + "k".repeat(101) + "\"}")),
                bad("a line break in a name", () -> Http.post(to, "/api/v1/users", "{\"name\":\"kim\\nADMIN lee\"}")),
                bad("a right-to-left override in a name", () -> Http.post(to, "/api/v1/users",
                        "{\"name\":\"evil\\u202Etxt.exe\"}")),
                bad("a NUL in an item name", () -> Http.post(to, "/api/v1/items",
                        "{\"name\":\"x\\u0000y\",\"price\":1,\"stock\":1}")),
                bad("half a surrogate pair in a name", () -> Http.post(to, "/api/v1/users", "{\"name\":\"kim\\ud800\"}")),
                bad("script in an over-long name", () -> Http.post(to, "/api/v1/users",
                        "{\"name\":\"<script>alert(document.cookie)</script>" + "x".repeat(80) + "\"}")),
                // charges
                bad("zero amount", () -> Http.post(to, charge, "{\"amount\":0}")),
                bad("negative amount", () -> Http.post(to, charge, "{\"amount\":-5}")),
                bad("amount over 1,000,000", () -> Http.post(to, charge, "{\"amount\":1000001}")),
                bad("fractional amount", () -> Http.post(to, charge, "{\"amount\":1.5}")),
                bad("amount as string", () -> Http.post(to, charge, "{\"amount\":\"100\"}")),
                bad("amount as boolean", () -> Http.post(to, charge, "{\"amount\":true}")),
                bad("null amount", () -> Http.post(to, charge, "{\"amount\":null}")),
                bad("overflowing amount", () -> Http.post(to, charge, "{\"amount\":99999999999999999999}")),
                bad("exponent amount", () -> Http.post(to, charge, "{\"amount\":1e2}")),
                bad("array body", () -> Http.post(to, charge, "[100]")),
                bad("truncated JSON", () -> Http.post(to, charge, "{\"amount\":")),
                bad("trailing garbage", () -> Http.post(to, charge, "{\"amount\":5} DROP")),
                bad("duplicate field", () -> Http.post(to, charge, "{\"amount\":5,\"amount\":6}")),
                bad("user id 0", () -> Http.charge(to, 0, 5)),
                bad("negative user id", () -> Http.post(to, "/api/v1/users/-1/points/charge", "{\"amount\":5}")),
                bad("user id not a number", () -> Http.post(to, "/api/v1/users/abc/points/charge", "{\"amount\":5}")),
                bad("user id past 64 bits", () -> Http.post(to, "/api/v1/users/9223372036854775808/points/charge",
                        "{\"amount\":5}")),
                bad("SQL in a path id", () -> Http.get(to, "/api/v1/users/1%3BDROP%20TABLE%20users/points")),
                bad("key with a space", () -> Http.post(to, charge, "{\"amount\":5}", "Idempotency-Key", "bad key")),
                bad("65-character key", () -> Http.post(to, charge, "{\"amount\":5}", "Idempotency-Key", "k".repeat(65))),
                new Case("key reused with another body", () -> Http.post(to, charge, "{\"amount\":11}",
                        "Idempotency-Key", "battery-key"), 422, "IDEMPOTENCY_KEY_REUSED"),
                new Case("unknown user", () -> Http.charge(to, 987_654_321, 5), 404, "USER_NOT_FOUND"),
                new Case("charge past the balance cap", () -> Http.charge(to, rich, 1), 409, "POINT_LIMIT_EXCEEDED"),
                new Case("text/plain body", () -> Http.post(to, charge, "{\"amount\":5}", "Content-Type", "text/plain"),
                        415, "UNSUPPORTED_MEDIA_TYPE"),
                new Case("body over 64 KiB", () -> Http.post(to, "/api/v1/users", big), 413, "PAYLOAD_TOO_LARGE"),
                // orders
                bad("no lines", () -> Http.post(to, "/api/v1/orders", "{\"userId\":" + user + ",\"lines\":[]}")),
                bad("51 lines", () -> Http.post(to, "/api/v1/orders", "{\"userId\":" + user + ",\"lines\":[" + fiftyOne + "]}")),
                bad("duplicate lines", () -> Http.post(to, "/api/v1/orders", "{\"userId\":" + user + ",\"lines\":[{\"itemId\":"
                        + item + ",\"quantity\":1},{\"itemId\":" + item + ",\"quantity\":1}]}")),
                bad("zero quantity", () -> Http.order(to, user, item, 0)),
                bad("quantity over 1,000", () -> Http.order(to, user, item, 1_001)),
                bad("item id 0", () -> Http.order(to, user, 0, 1)),
                bad("missing user", () -> Http.post(to, "/api/v1/orders", "{\"lines\":[{\"itemId\":" + item + ",\"quantity\":1}]}")),
                bad("lines as object", () -> Http.post(to, "/api/v1/orders", "{\"userId\":" + user + ",\"lines\":{\"itemId\":1}}")),
                new Case("unknown item", () -> Http.order(to, user, 987_654_321, 1), 404, "ITEM_NOT_FOUND"),
                new Case("unknown buyer", () -> Http.order(to, 987_654_321, item, 1), 404, "USER_NOT_FOUND"),
                new Case("more than the stock", () -> Http.order(to, user, item, 6), 409, "OUT_OF_STOCK"),
                new Case("more than the balance", () -> Http.order(to, poor, item, 1), 409, "INSUFFICIENT_POINTS"),
                // items
                bad("negative price", () -> Http.post(to, "/api/v1/items", "{\"name\":\"x\",\"price\":-1,\"stock\":1}")),
                bad("price over the cap", () -> Http.post(to, "/api/v1/items", "{\"name\":\"x\",\"price\":100000001,\"stock\":1}")),
                bad("stock over the cap", () -> Http.post(to, "/api/v1/items", "{\"name\":\"x\",\"price\":1,\"stock\":1000001}")),
                bad("SQL in a name, with a bad price", () -> Http.post(to, "/api/v1/items",
                        "{\"name\":\"'; DROP TABLE item; --\",\"price\":-1,\"stock\":1}")),
                bad("zero restock", () -> Http.post(to, "/api/v1/items/" + item + "/stock/restock", "{\"quantity\":0}")),
                new Case("restock past the cap", () -> Http.post(to, "/api/v1/items/" + full + "/stock/restock",
                        "{\"quantity\":1}"), 409, "STOCK_LIMIT_EXCEEDED"),
                new Case("unknown order", () -> Http.get(to, "/api/v1/orders/987654321"), 404, "ORDER_NOT_FOUND"),
                // paging and routes
                bad("negative page", () -> Http.get(to, "/api/v1/users/" + user + "/points/history?page=-1")),
                bad("page size 1000", () -> Http.get(to, "/api/v1/items?size=1000")),
                bad("page not a number", () -> Http.get(to, "/api/v1/users/" + user + "/orders?page=abc")),
                // page x size past 2^31: an empty page, not a 500
                new Case("items, a page past 2^31 rows", () -> Http.get(to, "/api/v1/items?page=21474837&size=100"),
                        200, "OK"),
                new Case("orders, a page past 2^31 rows", () -> Http.get(to, "/api/v1/users/" + user
                        + "/orders?page=2147483647&size=100"), 200, "OK"),
                new Case("history, a page past 2^31 rows", () -> Http.get(to, "/api/v1/users/" + user
                        + "/points/history?page=21474837&size=100"), 200, "OK"),
                new Case("unknown route", () -> Http.get(to, "/api/v1/admin"), 404, "NOT_FOUND"),
                new Case("wrong method", () -> Http.send(HttpRequest.newBuilder(URI.create(to.baseUrl() + "/api/v1/users/"
                        + user)).header("Authorization", Http.ADMIN).DELETE()), 405, "METHOD_NOT_ALLOWED")));

        Database.Snapshot before = Database.snapshot();
        Map<String, Integer> counts = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            Response r = c.request().get();
            String code = r.outcome();
            counts.merge(code, 1, Integer::sum);
            if (r.status() != c.status() || !code.equals(c.code())) {
                wrong.add(c.label() + ": expected " + c.status() + " " + c.code() + ", got " + r.status() + " " + r.body());
            }
        }
        assertThat(wrong).as("answers that break API.md").isEmpty();
        assertThat(Database.snapshot()).as("the database after the battery").isEqualTo(before);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        return new Load.Tally(counts, cases.size());
    }

    private static Case bad(String label, Supplier<Response> request) {
        return new Case(label, request, 400, "INVALID_REQUEST");
    }
}
