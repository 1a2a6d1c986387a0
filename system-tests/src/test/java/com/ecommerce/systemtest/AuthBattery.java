package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.Http.Response;
import com.ecommerce.systemtest.support.Load;
import com.ecommerce.systemtest.support.ServiceInstance;
import com.ecommerce.systemtest.support.Tokens;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.ecommerce.systemtest.AuthCase.bad;
import static com.ecommerce.systemtest.AuthCase.created;
import static com.ecommerce.systemtest.AuthCase.forbidden;
import static com.ecommerce.systemtest.AuthCase.get;
import static com.ecommerce.systemtest.AuthCase.isUp;
import static com.ecommerce.systemtest.AuthCase.noToken;
import static com.ecommerce.systemtest.AuthCase.ok;
import static com.ecommerce.systemtest.AuthCase.post;
import static com.ecommerce.systemtest.AuthCase.rejected;
import static com.ecommerce.systemtest.HostileTokens.MAX_HEADER_CHARS;
import static com.ecommerce.systemtest.HostileTokens.at;
import static com.ecommerce.systemtest.HostileTokens.paddedHeader;
import static com.ecommerce.systemtest.HostileTokens.sign;
import static com.ecommerce.systemtest.HostileTokens.token;
import static com.ecommerce.systemtest.HostileTokens.withHeader;
import static com.ecommerce.systemtest.HostileTokens.withPayload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests against "who may call what" in API.md, sent to both instances: missing, malformed, forged,
 * expired and oversized tokens; users acting for another user on every user-scoped endpoint; users calling the
 * administrator's endpoints and the actuator; and the precedence of 401, 413, 415, 400, 403 and 404. Each must get
 * its status and code (and, for 401, its exact {@code WWW-Authenticate}), and none may change the database. Controls
 * make the battery able to fail: the same kinds of request with the right token succeed, reads inside the unchanged
 * snapshot and writes afterwards, which must then change the database by exactly what they did.
 */
final class AuthBattery {

    private static final long UNKNOWN = 987_654_321;
    private static final String CHARGE_KEY = "auth-battery-charge";
    private static final String ORDER_KEY = "auth-battery-order";
    private static final List<String> ADMIN = List.of("ADMIN");
    private static final List<String> NO_ROLES = List.of();

    private AuthBattery() {
    }

    static Load.Tally run(ServiceInstance a, ServiceInstance b) {
        long victim = Http.newUser(a, 1_000);
        long mallory = Http.newUser(b, 1_000);
        long item = Http.newItem(a, 100, 10);
        String victimToken = Tokens.bearer(Tokens.user(victim));
        String malloryJwt = Tokens.user(mallory);
        String malloryToken = Tokens.bearer(malloryJwt);
        String adminJwt = Tokens.admin();

        String victimUser = "/api/v1/users/" + victim;
        String victimPoints = victimUser + "/points";
        String victimCharge = victimPoints + "/charge";
        String malloryUser = "/api/v1/users/" + mallory;
        String malloryPoints = malloryUser + "/points";
        String malloryCharge = malloryPoints + "/charge";
        String restock = "/api/v1/items/" + item + "/stock/restock";
        String amount = "{\"amount\":10}";
        String newUser = "{\"name\":\"intruder\"}";
        String newItem = "{\"name\":\"intruder\",\"price\":1,\"stock\":1}";
        String refill = "{\"quantity\":5}";
        String victimOrder = orderOf(victim, item, 1);
        String big = "{\"name\":\"" + "x".repeat(70_000) + "\"}";

        // what the intruders will try to replay: a charge and an order the victim sent with keys of their own
        Response keyedCharge = Http.postWith(a, victimCharge, amount, victimToken, "Idempotency-Key", CHARGE_KEY);
        Http.expect(keyedCharge, 200);
        Response keyedOrder = Http.postWith(b, "/api/v1/orders", victimOrder, victimToken,
                "Idempotency-Key", ORDER_KEY);
        Http.expect(keyedOrder, 201);
        long order = keyedOrder.json().path("orderId").asLong();
        String victimOrderPath = "/api/v1/orders/" + order;

        Instant now = Instant.now();
        JWTClaimsSet admin = Tokens.claims("0", ADMIN).build();
        String signedAdmin = Tokens.sign(admin);
        String underBound = paddedHeader(mallory, false);
        String overBound = paddedHeader(mallory, true);
        String huge = Tokens.bearer(Tokens.sign(Tokens.claims("0", ADMIN).claim("pad", "x".repeat(12_000)).build()));
        assertThat(underBound.length()).as("the longest header accepted").isBetween(MAX_HEADER_CHARS - 2,
                MAX_HEADER_CHARS);
        assertThat(overBound.length()).as("the shortest header refused").isBetween(MAX_HEADER_CHARS + 1,
                MAX_HEADER_CHARS + 2);
        // over 16 KB, so far past the bound, yet under Tomcat's 32 KB header limit: the service itself must refuse it
        assertThat(huge.length()).isBetween(16_000, 30_000);

        List<AuthCase> cases = new ArrayList<>(List.of(
                // no bearer token at all: 401 with the bare challenge
                noToken("no token: GET the balance", get(malloryPoints, null)),
                noToken("no token: GET the user", get(malloryUser, null)),
                noToken("no token: charge", post(malloryCharge, amount, null)),
                noToken("no token: place an order", post("/api/v1/orders", orderOf(mallory, item, 1), null)),
                noToken("no token: GET an order", get(victimOrderPath, null)),
                noToken("no token: create a user", post("/api/v1/users", newUser, null)),
                noToken("no token: create an item", post("/api/v1/items", newItem, null)),
                noToken("no token: restock", post(restock, refill, null)),
                noToken("token in the query string, not in the header",
                        get(malloryPoints + "?access_token=" + malloryJwt, null)),
                noToken("Basic scheme instead of Bearer", get(malloryPoints, "Basic "
                        + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))),
                noToken("a valid admin token under another scheme", get(malloryPoints, "Token " + adminJwt)),
                // a token came and was rejected: 401 with error="invalid_token"
                rejected("Bearer without a token", get(malloryPoints, "Bearer")),
                rejected("Bearer with garbage", get(malloryPoints, "Bearer garbage.garbage.garbage")),
                rejected("Bearer with characters no token has", get(malloryPoints, "Bearer abc def!")),
                rejected("admin claims signed with another key",
                        get(malloryPoints, Tokens.bearer(Tokens.signWith(Tokens.OTHER_SECRET, admin)))),
                rejected("admin claims with alg none, unsigned",
                        get(malloryPoints, Tokens.bearer(Tokens.unsigned(admin)))),
                rejected("alg none in the header over a valid signature",
                        get(malloryPoints, Tokens.bearer(withHeader(signedAdmin, "{\"alg\":\"none\"}")))),
                rejected("admin claims signed HS384 with the right key",
                        get(malloryPoints, Tokens.bearer(sign(JWSAlgorithm.HS384, admin)))),
                rejected("admin claims under a user's signature",
                        get(malloryPoints, Tokens.bearer(withPayload(malloryJwt, signedAdmin)))),
                rejected("expired an hour ago", get(malloryPoints, token(Tokens.claims(Long.toString(mallory),
                        NO_ROLES).issueTime(at(now, -7_200)).expirationTime(at(now, -3_600))))),
                rejected("expired 90 s ago, past the 60 s of skew", get(malloryPoints, token(Tokens.claims(
                        Long.toString(mallory), NO_ROLES).issueTime(at(now, -3_600)).expirationTime(at(now, -90))))),
                rejected("nbf an hour ahead", get(malloryPoints,
                        token(Tokens.claims(Long.toString(mallory), NO_ROLES).notBeforeTime(at(now, 3_600))))),
                rejected("iat an hour ahead", get(malloryPoints, token(Tokens.claims(Long.toString(mallory),
                        NO_ROLES).issueTime(at(now, 3_600)).expirationTime(at(now, 7_200))))),
                rejected("no exp", get(malloryPoints,
                        token(Tokens.claims(Long.toString(mallory), NO_ROLES).expirationTime(null)))),
                rejected("wrong issuer", get(malloryPoints,
                        token(Tokens.claims(Long.toString(mallory), NO_ROLES).issuer("https://evil.invalid")))),
                rejected("issuer with a trailing slash", get(malloryPoints,
                        token(Tokens.claims(Long.toString(mallory), NO_ROLES).issuer(Tokens.ISSUER + "/")))),
                rejected("no issuer", get(malloryPoints,
                        token(Tokens.claims(Long.toString(mallory), NO_ROLES).issuer(null)))),
                rejected("a validly signed admin token of " + huge.length() + " characters",
                        get(malloryPoints, huge)),
                rejected("a validly signed token of " + overBound.length() + " characters",
                        get(malloryPoints, overBound)),
                rejected("admin token with sub kim", get(malloryPoints, token(Tokens.claims("kim", ADMIN)))),
                rejected("admin token with sub -1", get(malloryPoints, token(Tokens.claims("-1", ADMIN)))),
                rejected("admin token with a sub past 64 bits",
                        get(malloryPoints, token(Tokens.claims("9223372036854775808", ADMIN)))),
                rejected("admin token without sub", get(malloryPoints, token(Tokens.claims(null, ADMIN)))),
                rejected("admin token with an empty sub", get(malloryPoints, token(Tokens.claims("", ADMIN)))),
                rejected("roles as the string ADMIN, not an array: create a user", post("/api/v1/users", newUser,
                        token(Tokens.claims(Long.toString(mallory), NO_ROLES).claim("roles", "ADMIN")))),
                // a valid token without the right: 403, or, for someone else's order, 404 as if it did not exist
                forbidden("another user: GET the user", get(victimUser, malloryToken)),
                forbidden("another user: GET the balance", get(victimPoints, malloryToken)),
                forbidden("another user: charge", post(victimCharge, amount, malloryToken)),
                forbidden("another user: replay the user's charge key", post(victimCharge, amount, malloryToken,
                        "Idempotency-Key", CHARGE_KEY)).where("no balance leaked", r -> !r.body().contains("balance")),
                forbidden("another user: GET the history", get(victimPoints + "/history", malloryToken)),
                forbidden("another user: GET the orders", get(victimUser + "/orders", malloryToken)),
                forbidden("another user: order in their name", post("/api/v1/orders", victimOrder, malloryToken)),
                forbidden("another user: replay the user's order key", post("/api/v1/orders", victimOrder,
                        malloryToken, "Idempotency-Key", ORDER_KEY)).where("no order leaked",
                        r -> !r.body().contains("orderId")),
                new AuthCase("another user's order", get(victimOrderPath, malloryToken), 404, "ORDER_NOT_FOUND", null,
                        "the same answer as an unknown order", r -> !r.body().contains("\"userId\"")),
                forbidden("a user: create a user", post("/api/v1/users", newUser, malloryToken)),
                forbidden("a user: create an item", post("/api/v1/items", newItem, malloryToken)),
                forbidden("a user: restock", post(restock, refill, malloryToken)),
                forbidden("roles [admin] in lower case: create a user",
                        post("/api/v1/users", newUser, token(Tokens.claims(Long.toString(mallory),
                                List.of("admin"))))),
                forbidden("roles [ROLE_ADMIN]: create an item", post("/api/v1/items", newItem,
                        token(Tokens.claims(Long.toString(mallory), List.of("ROLE_ADMIN"))))),
                forbidden("ADMIN in scope, not in roles: restock", post(restock, refill,
                        token(Tokens.claims(Long.toString(mallory), NO_ROLES).claim("scope", "ADMIN")))),
                // the actuator: health and info for anyone, the rest for ADMIN
                noToken("no token: /actuator/prometheus", get("/actuator/prometheus", null)),
                noToken("no token: /actuator/metrics", get("/actuator/metrics", null)),
                rejected("expired admin token: /actuator/metrics", get("/actuator/metrics", token(Tokens.claims("0",
                        ADMIN).issueTime(at(now, -7_200)).expirationTime(at(now, -3_600))))),
                forbidden("a user: /actuator/prometheus", get("/actuator/prometheus", malloryToken)),
                forbidden("a user: /actuator/metrics", get("/actuator/metrics", malloryToken)),
                forbidden("a user: /actuator/metrics/jvm.memory.used",
                        get("/actuator/metrics/jvm.memory.used", malloryToken)),
                forbidden("roles [admin] in lower case: /actuator/metrics", get("/actuator/metrics",
                        token(Tokens.claims(Long.toString(mallory), List.of("admin"))))),
                ok("no token: /actuator/health", get("/actuator/health", null))
                        .where("UP without components", r -> isUp(r) && !r.json().has("components")),
                ok("a user: /actuator/health", get("/actuator/health", malloryToken))
                        .where("UP without components", r -> isUp(r) && !r.json().has("components")),
                ok("no token: /actuator/info", get("/actuator/info", null))
                        .where("the lock strategy", r -> r.json().path("lock").has("strategy")),
                // precedence: 401, 413, 415, 400, 403, 404
                noToken("no token, body over 64 KiB: 401 before 413", post("/api/v1/users", big, null)),
                rejected("rejected token, body over 64 KiB: 401 before 413", post("/api/v1/users", big,
                        Tokens.bearer(Tokens.unsigned(admin)))),
                noToken("no token, text/plain: 401 before 415",
                        post(malloryCharge, amount, null, "Content-Type", "text/plain")),
                new AuthCase("another user, body over 64 KiB: 413 before 403", post(victimCharge, big, malloryToken),
                        413, "PAYLOAD_TOO_LARGE", null, "", r -> true),
                new AuthCase("another user, text/plain: 415 before 403", post(victimCharge, amount, malloryToken,
                        "Content-Type", "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE", null, "", r -> true),
                bad("another user, zero amount: 400 before 403", post(victimCharge, "{\"amount\":0}", malloryToken)),
                bad("another user, truncated JSON: 400 before 403", post(victimCharge, "{\"amount\":", malloryToken)),
                bad("another user, page size 1000: 400 before 403",
                        get(victimPoints + "/history?size=1000", malloryToken)),
                bad("another user, an order of 0 units: 400 before 403",
                        post("/api/v1/orders", orderOf(victim, item, 0), malloryToken)),
                bad("user id 0 in the path: 400 before 403", get("/api/v1/users/0/points", malloryToken)),
                bad("a user, blank name for a new user: 400 before 403",
                        post("/api/v1/users", "{\"name\":\"\"}", malloryToken)),
                bad("a user, zero restock: 400 before 403", post(restock, "{\"quantity\":0}", malloryToken)),
                forbidden("an unknown user's balance: 403 before 404",
                        get("/api/v1/users/" + UNKNOWN + "/points", malloryToken)),
                forbidden("an unknown user's charge: 403 before 404",
                        post("/api/v1/users/" + UNKNOWN + "/points/charge", amount, malloryToken)),
                forbidden("another user's order of an unknown item: 403 before 404",
                        post("/api/v1/orders", orderOf(victim, UNKNOWN, 1), malloryToken)),
                forbidden("a user restocks an unknown item: 403 before 404",
                        post("/api/v1/items/" + UNKNOWN + "/stock/restock", refill, malloryToken)),
                new AuthCase("an unknown order: the same 404 as another user's", get("/api/v1/orders/" + UNKNOWN,
                        malloryToken), 404, "ORDER_NOT_FOUND", null, "", r -> true),
                // controls that read: the right token, or none where none is needed, gets through
                ok("the user: their own balance", get(victimPoints, victimToken))
                        .where("their balance", r -> r.json().path("userId").asLong() == victim),
                ok("the user: their own record", get(victimUser, victimToken)),
                ok("the user: their own history", get(victimPoints + "/history", victimToken)),
                ok("the user: their own orders", get(victimUser + "/orders", victimToken))
                        .where("their order", r -> r.json().path("totalElements").asLong() == 1),
                ok("the buyer: their order", get(victimOrderPath, victimToken)),
                ok("an admin: the user's order", get(victimOrderPath, Http.ADMIN)),
                ok("an admin: the user's balance", get(victimPoints, Http.ADMIN)),
                ok("no token: the catalogue", get("/api/v1/items", null)),
                ok("no token: an item", get("/api/v1/items/" + item, null)),
                ok("the scheme in lower case", get(malloryPoints, "bearer " + malloryJwt)),
                ok("expired 30 s ago, within the skew", get(malloryPoints, token(Tokens.claims(
                        Long.toString(mallory), NO_ROLES).issueTime(at(now, -3_600)).expirationTime(at(now, -30))))),
                ok("nbf 30 s ahead, within the skew", get(malloryPoints,
                        token(Tokens.claims(Long.toString(mallory), NO_ROLES).notBeforeTime(at(now, 30))))),
                ok("iat 30 s ahead, within the skew", get(malloryPoints,
                        token(Tokens.claims(Long.toString(mallory), NO_ROLES).issueTime(at(now, 30))))),
                ok("a validly signed token of " + underBound.length() + " characters",
                        get(malloryPoints, underBound)),
                ok("an admin: /actuator/health", get("/actuator/health", Http.ADMIN))
                        .where("the components", r -> isUp(r) && r.json().has("components")),
                ok("an admin: /actuator/prometheus", get("/actuator/prometheus", Http.ADMIN))));

        Map<String, Integer> counts = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        Database.Snapshot before = Database.snapshot();
        for (AuthCase c : cases) {
            // each instance verifies tokens on its own: a slip in one instance's configuration shows here
            for (ServiceInstance to : List.of(a, b)) {
                c.check(to, counts, wrong);
            }
        }
        assertThat(wrong).as("answers that break API.md, who may call what").isEmpty();
        assertThat(Database.snapshot()).as("the database after the hostile requests").isEqualTo(before);
        assertThat(Database.balance(victim)).isEqualTo(1_000 + 10 - 100);
        assertThat(Database.balance(mallory)).isEqualTo(1_000);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(80);

        // controls that write, alternating between the instances, so the snapshot could have caught a change
        List<AuthCase> controls = List.of(
                created("an admin creates a user", post("/api/v1/users", "{\"name\":\"auth control\"}", Http.ADMIN)),
                created("an admin creates an item",
                        post("/api/v1/items", "{\"name\":\"auth control\",\"price\":100,\"stock\":5}", Http.ADMIN)),
                ok("an admin restocks", post(restock, refill, Http.ADMIN)),
                ok("the user charges their own balance", post(victimCharge, amount, victimToken)),
                ok("the user replays their charge key", post(victimCharge, amount, victimToken, "Idempotency-Key",
                        CHARGE_KEY)).where("the first answer again", r -> r.body().equals(keyedCharge.body())),
                ok("another user sends that key for their own balance", post(malloryCharge, amount, malloryToken,
                        "Idempotency-Key", CHARGE_KEY)).where("their own balance, charged afresh",
                        r -> r.json().path("userId").asLong() == mallory && r.json().path("balance").asLong() == 1_010),
                created("the user orders for themself", post("/api/v1/orders", victimOrder, victimToken)),
                created("the user replays their order key", post("/api/v1/orders", victimOrder, victimToken,
                        "Idempotency-Key", ORDER_KEY)).where("the first order", r -> r.json().path("orderId")
                        .asLong() == order));
        for (int i = 0; i < controls.size(); i++) {
            controls.get(i).check(i % 2 == 0 ? a : b, counts, wrong);
        }
        assertThat(wrong).as("controls with the right token").isEmpty();
        // one user, one item (+5 stock), a restock (+5), two charges of 10 (one with a key), one order of 100
        assertThat(Database.snapshot()).as("the database after the controls").isEqualTo(new Database.Snapshot(
                before.users() + 1, before.balances() + 10 + 10 - 100, before.historyRows() + 3, before.items() + 1,
                before.stock() + 5 + 5 - 1, before.orders() + 1, before.orderLines() + 1,
                before.idempotencyRecords() + 1));
        return new Load.Tally(counts, 2 * cases.size() + controls.size());
    }

    private static String orderOf(long userId, long itemId, int quantity) {
        return "{\"userId\":" + userId + ",\"lines\":[{\"itemId\":" + itemId + ",\"quantity\":" + quantity + "}]}";
    }
}
