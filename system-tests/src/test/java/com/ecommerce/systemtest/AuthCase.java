package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.Http.Response;
import com.ecommerce.systemtest.support.ServiceInstance;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One request of {@link AuthBattery} and the answer it must get: status, code, for 401 the exact
 * {@code WWW-Authenticate}, a problem body for every error, and optionally a further check of the body. The
 * factories name the answers of API.md's "who may call what"; {@link #check} judges one answer and collects what
 * breaks the contract.
 */
record AuthCase(String label, Function<ServiceInstance, Response> request, int status, String code, String challenge,
                String expectation, Predicate<Response> body) {

    /** The challenge when no bearer token came, and when one came and was rejected (RFC 6750). */
    static final String NO_TOKEN = "Bearer";
    static final String REJECTED = "Bearer error=\"invalid_token\"";

    /** A further check of the answer's body, described for the failure message. */
    AuthCase where(String what, Predicate<Response> check) {
        return new AuthCase(label, request, status, code, challenge, what, check);
    }

    /** Sends the request to one instance, counts its outcome and adds to {@code wrong} whatever breaks the case. */
    void check(ServiceInstance to, Map<String, Integer> counts, List<String> wrong) {
        Response r = request.apply(to);
        String outcome = r.outcome();
        counts.merge(outcome, 1, Integer::sum);
        String where = label + " on " + to.name();
        if (r.status() != status || !outcome.equals(code)) {
            wrong.add(where + ": expected " + status + " " + code + ", got " + r.status() + " " + shorter(r));
            return;
        }
        String answered = r.header("WWW-Authenticate");
        if (status == 401 && !challenge.equals(answered)) {
            wrong.add(where + ": expected WWW-Authenticate: " + challenge + ", got " + answered);
        }
        String type = r.header("Content-Type");
        if (status >= 400 && (type == null || !type.startsWith("application/problem+json"))) {
            wrong.add(where + ": expected an application/problem+json body, got " + type);
        }
        boolean bodyHolds;
        try {
            bodyHolds = body.test(r);
        } catch (RuntimeException notJson) {
            bodyHolds = false;
        }
        if (!bodyHolds) {
            wrong.add(where + ": expected " + expectation + ", got " + shorter(r));
        }
    }

    private static String shorter(Response r) {
        return r.body().length() > 300 ? r.body().substring(0, 300) + "..." : r.body();
    }

    static boolean isUp(Response r) {
        return "UP".equals(r.json().path("status").asString());
    }

    static AuthCase noToken(String label, Function<ServiceInstance, Response> request) {
        return new AuthCase(label, request, 401, "UNAUTHENTICATED", NO_TOKEN, "", r -> true);
    }

    static AuthCase rejected(String label, Function<ServiceInstance, Response> request) {
        return new AuthCase(label, request, 401, "UNAUTHENTICATED", REJECTED, "", r -> true);
    }

    static AuthCase forbidden(String label, Function<ServiceInstance, Response> request) {
        return new AuthCase(label, request, 403, "FORBIDDEN", null, "", r -> true);
    }

    static AuthCase bad(String label, Function<ServiceInstance, Response> request) {
        return new AuthCase(label, request, 400, "INVALID_REQUEST", null, "", r -> true);
    }

    static AuthCase ok(String label, Function<ServiceInstance, Response> request) {
        return new AuthCase(label, request, 200, "OK", null, "", r -> true);
    }

    static AuthCase created(String label, Function<ServiceInstance, Response> request) {
        return new AuthCase(label, request, 201, "OK", null, "", r -> true);
    }

    static Function<ServiceInstance, Response> get(String path, String authorization) {
        return to -> Http.get(to, path, authorization);
    }

    static Function<ServiceInstance, Response> post(String path, String json, String authorization,
                                                    String... headers) {
        return to -> Http.postWith(to, path, json, authorization, headers);
    }
}
