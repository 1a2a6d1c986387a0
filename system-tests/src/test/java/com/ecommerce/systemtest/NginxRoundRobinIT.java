package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.ComposeApp;
import com.ecommerce.systemtest.support.ComposeFile;
import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.DeploymentFiles;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.Load;
import com.ecommerce.systemtest.support.Nginx;
import com.ecommerce.systemtest.support.ServiceInstance;
import com.ecommerce.systemtest.support.Summary;
import com.ecommerce.systemtest.support.SystemEnv;
import com.ecommerce.systemtest.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scale-out picture of {@code docker/compose.yaml} without Docker: two instances of the packaged jar, each
 * configured as its container would be ({@link ComposeApp}: the image's and the compose file's environment, JWT key
 * included, {@code LOCK_PROFILE=lock-db} on one shared database), behind Debian's nginx running
 * {@code docker/nginx.conf} (its test copy: upstream names pointed at the instances' loopback ports, see
 * {@link Nginx}). One buyer's flow goes through nginx; both instances must serve part of it; then one instance is
 * killed (SIGKILL) mid-flow and every later request must still succeed, through the other, with the final balance,
 * stock and orders exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxRoundRobinIT {

    ServiceInstance a;
    ServiceInstance b;
    Nginx nginx;
    final List<Http.Response> responses = new ArrayList<>();

    @BeforeAll
    void startTheScaleOutPicture() throws IOException {
        Database.recreate();
        // as compose starts them: the first creates the schema, the second starts once it is there
        a = ComposeApp.start("nginx-app-1", "lock-db").awaitReady(Duration.ofSeconds(150));
        b = ComposeApp.start("nginx-app-2", "lock-db").awaitReady(Duration.ofSeconds(150));
        List<String> apps = ComposeFile.read().appServices();
        assertThat(apps).hasSize(2);
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(apps.get(0), a.port());
        ports.put(apps.get(1), b.port());
        Nginx.TestCopy copy = Nginx.testCopy(DeploymentFiles.nginxConf(), ports, SystemEnv.freePort(),
                Files.createTempDirectory(SystemEnv.workDir(), "nginx-"));
        Nginx.Check check = Nginx.check(copy);
        assertThat(check.exitCode()).as(check.output()).isZero();
        nginx = Nginx.start(copy);
    }

    @AfterAll
    void stopEverything() {
        if (nginx != null) {
            nginx.close();
        }
        for (ServiceInstance instance : new ServiceInstance[] {a, b}) {
            if (instance != null) {
                instance.stop();
            }
        }
    }

    /** The back office's credit of the buyer's balance, through nginx. */
    Http.Response credit(long user, long amount) {
        return Http.post(nginx, "/api/v1/users/" + user + "/points/charge", "{\"amount\":" + amount + "}");
    }

    /** Sends one request of the flow through nginx and expects its status. */
    Http.Response step(Http.Response response, int expected) {
        responses.add(response);
        assertThat(response.status()).as("request %d through nginx: %s", responses.size(), response.body())
                .isEqualTo(expected);
        return response;
    }

    @Test
    void aBuyersFlowThroughNginx_isSpreadOverBothInstances_andSurvivesTheKillOfOne() {
        // the flow, first half: an administrator registers the buyer and an item and credits the buyer (on a database a
        // user's own direct charge is off: users pay), the buyer orders
        long user = step(Http.post(nginx, "/api/v1/users", "{\"name\":\"buyer\"}"), 201).json().path("userId").asLong();
        long item = step(Http.post(nginx, "/api/v1/items", "{\"name\":\"pen\",\"price\":1500,\"stock\":20}"), 201)
                .json().path("itemId").asLong();
        step(credit(user, 10_000), 200);
        step(Http.order(nginx, user, item, 2), 201);
        step(Http.get(nginx, "/api/v1/users/" + user + "/orders", Tokens.bearer(Tokens.user(user))), 200);
        step(credit(user, 5_000), 200);

        List<Nginx.Served> before = nginx.accessLog(responses.size());
        assertThat(before).hasSize(responses.size());
        Map<String, Long> perInstance = countFinalUpstreams(before);
        assertThat(perInstance).as("round robin: both instances served the first half")
                .containsOnlyKeys(address(a), address(b));
        assertThat(perInstance.values()).allMatch(n -> n == 3);

        // mid-flow: one instance dies without a goodbye
        b.kill();
        assertThat(b.isAlive()).isFalse();
        int killedAfter = responses.size();

        // the flow goes on: every request still succeeds, through the survivor
        step(Http.order(nginx, user, item, 3), 201);
        step(credit(user, 2_000), 200);
        step(Http.order(nginx, user, item, 1), 201);
        step(Http.get(nginx, "/api/v1/users/" + user + "/orders", Tokens.bearer(Tokens.user(user))), 200);
        step(credit(user, 1_000), 200);
        step(Http.order(nginx, user, item, 4), 201);
        Http.Response points = step(Http.get(nginx, "/api/v1/users/" + user + "/points",
                Tokens.bearer(Tokens.user(user))), 200);
        Http.Response stock = step(Http.get(nginx, "/api/v1/items/" + item), 200);
        Http.Response orders = step(Http.get(nginx, "/api/v1/users/" + user + "/orders",
                Tokens.bearer(Tokens.user(user))), 200);

        List<Nginx.Served> after = nginx.accessLog(responses.size()).subList(killedAfter, responses.size());
        assertThat(after).as("every request after the kill answered by the survivor")
                .allMatch(served -> served.finalUpstream().equals(address(a)) && served.status() < 300);
        long failedOver = after.stream().filter(served -> served.upstreams().size() == 2).count();
        assertThat(failedOver).as("nginx tried the dead instance at least once and passed the request on")
                .isPositive();

        // the final state is exact: 10,000 + 5,000 + 2,000 + 1,000 charged, 2 + 3 + 1 + 4 = 10 pens of 1,500 bought
        long balance = 18_000 - 10 * 1_500;
        assertThat(points.json().path("balance").asLong()).isEqualTo(balance);
        assertThat(stock.json().path("stock").asLong()).isEqualTo(10);
        assertThat(orders.json().path("totalElements").asLong()).isEqualTo(4);
        assertThat(Database.balance(user)).isEqualTo(balance);
        assertThat(Database.stock(item)).isEqualTo(10);
        assertThat(Database.sold(item)).isEqualTo(10);
        assertThat(Database.invariantViolations()).isEmpty();

        Map<String, Integer> outcomes = new TreeMap<>();
        responses.forEach(r -> outcomes.merge(r.outcome(), 1, Integer::sum));
        String check = "first " + killedAfter + " requests: " + perInstance.get(address(a)) + " on app-1, "
                + perInstance.get(address(b)) + " on app-2; app-2 SIGKILLed; next " + after.size()
                + " all answered by app-1 (" + failedOver + " passed on by nginx from the dead one); balance "
                + balance + ", stock 10, 4 orders, invariants hold";
        Summary.add("one buyer's flow through nginx.conf, 2 instances, one killed mid-flow", "db",
                new Load.Tally(outcomes, responses.size()), check);
        System.out.println("[nginx round robin] " + check);
        nginx.accessLog().forEach(served -> System.out.println("[nginx round robin]   " + served.request() + " "
                + served.status() + " via " + String.join(", ", served.upstreams().stream()
                .map(u -> u.equals(address(a)) ? "app-1" : u.equals(address(b)) ? "app-2" : u).toList())
                + " (" + served.upstreamStatuses() + ")"));
    }

    static String address(ServiceInstance instance) {
        return "127.0.0.1:" + instance.port();
    }

    static Map<String, Long> countFinalUpstreams(List<Nginx.Served> served) {
        Map<String, Long> counts = new TreeMap<>();
        served.forEach(s -> counts.merge(s.finalUpstream(), 1L, Long::sum));
        return counts;
    }
}
