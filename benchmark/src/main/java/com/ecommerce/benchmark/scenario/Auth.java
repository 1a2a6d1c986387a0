package com.ecommerce.benchmark.scenario;

import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.ServiceInstance;
import com.ecommerce.systemtest.support.Tokens;

import java.util.Arrays;

/**
 * The benchmark's side of authentication: bearer tokens minted from the key the instances are started with
 * ({@link Tokens}), always before the load starts, and the requests that carry them. Minting an HS256 token costs
 * client CPU, and the load generator's CPU is measured too, so no token is ever minted inside a timed loop (the system
 * tests' {@code Http.order} and {@code Http.charge} mint one per call, which is why the benchmark does not use them).
 * A buyer's order and charge carry that buyer's own token, as a real client's would; the administrator's token is for
 * what only an administrator may do (reading {@code /actuator/prometheus}).
 */
public final class Auth {

    /** The administrator's {@code Authorization} header value, minted once (valid 6 h, longer than any run). */
    public static final String ADMIN = Http.ADMIN;

    private Auth() {
    }

    /** {@code Authorization} header values for {@code users}, index for index. */
    public static String[] bearers(long[] users) {
        return Arrays.stream(users).mapToObj(Auth::bearer).toArray(String[]::new);
    }

    public static String bearer(long user) {
        return Tokens.bearer(Tokens.user(user));
    }

    /** {@code POST /api/v1/orders} of {@code quantity} units of one item, by the buyer whose token it is. */
    public static Http.Response order(ServiceInstance to, String bearer, long userId, long itemId, int quantity) {
        return Http.post(to, "/api/v1/orders", "{\"userId\":" + userId + ",\"lines\":[{\"itemId\":" + itemId
                + ",\"quantity\":" + quantity + "}]}", "Authorization", bearer);
    }

    /** {@code POST /api/v1/users/{id}/points/charge} by the user whose token it is. */
    public static Http.Response charge(ServiceInstance to, String bearer, long userId, long amount) {
        return Http.post(to, "/api/v1/users/" + userId + "/points/charge", "{\"amount\":" + amount + "}",
                "Authorization", bearer);
    }

    /** {@code POST /api/v1/users/{id}/points/payments} of {@code amount}, by the user whose token it is. */
    public static Http.Response createPayment(ServiceInstance to, String bearer, long userId, long amount) {
        return Http.post(to, "/api/v1/users/" + userId + "/points/payments", "{\"amount\":" + amount + "}",
                "Authorization", bearer);
    }

    /**
     * {@code POST .../points/payments/{paymentId}/confirm} by the user whose token it is, with the key a gateway's
     * payment window would have given the buyer (the simulator takes any).
     */
    public static Http.Response confirmPayment(ServiceInstance to, String bearer, long userId, String paymentId,
                                               long amount) {
        return Http.post(to, "/api/v1/users/" + userId + "/points/payments/" + paymentId + "/confirm",
                "{\"paymentKey\":\"pk_" + paymentId + "\",\"amount\":" + amount + "}", "Authorization", bearer);
    }

    /** A GET without any token: what an anonymous client sends. */
    public static Http.Response anonymousGet(ServiceInstance to, String path) {
        return Http.get(to, path, null);
    }
}
