package com.ecommerce.adapter.out.payment;

import com.ecommerce.application.payment.port.out.PaymentGatewayPort;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * The {@link PaymentGatewayPort} over HTTP, in the shape of Toss Payments' v1 core API: {@code POST
 * /v1/payments/confirm}, {@code GET /v1/payments/orders/{orderId}}, {@code POST /v1/payments/{paymentKey}/cancel},
 * authorized with {@code Basic base64("<secretKey>:")}.
 *
 * <p>The JDK's {@link HttpClient} rather than Spring's {@code RestClient}: the adapter needs the status, the raw body
 * and the exact kind of transport failure (a refused connect sent nothing, a read timeout may have sent everything),
 * which the JDK client hands over as they are, where {@code RestClient} would wrap them in exceptions to unwrap again;
 * and it keeps Spring out of this module.
 *
 * <p>Every call ends within {@code connectTimeout + readTimeout} ({@link PaymentGatewayProperties#timings()}, which
 * the application's settle window is built on) and answers an outcome; nothing the PG or the network does throws.
 * Each call is timed as {@value #METRIC}, tagged with the call and its outcome.
 */
public class PaymentGatewayHttpAdapter implements PaymentGatewayPort {

    static final String METRIC = "ecommerce.payment.gateway.calls";

    private static final Logger log = LoggerFactory.getLogger(PaymentGatewayHttpAdapter.class);

    private final HttpClient client;
    private final String base;
    private final String authorization;
    private final Duration readTimeout;
    private final Duration callLimit;
    private final boolean idempotencyKeys;
    private final JsonMapper json = JsonMapper.builder().build();
    private final GatewayReplies replies = new GatewayReplies(json);
    private final MeterRegistry registry;

    public PaymentGatewayHttpAdapter(PaymentGatewayProperties properties, MeterRegistry registry) {
        Objects.requireNonNull(properties, "properties");
        this.registry = Objects.requireNonNull(registry, "registry");
        // HTTP/1.1: one exchange per connection, so a broken connection concerns this call alone; over plain http the
        // client would otherwise try an h2c upgrade on every new connection, which buys nothing for one small request
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.base = properties.baseUrl().toString().replaceFirst("/+$", "");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((properties.secretKey() + ":").getBytes(StandardCharsets.UTF_8));
        this.readTimeout = properties.readTimeout();
        this.callLimit = properties.timings().call();
        this.idempotencyKeys = properties.idempotencyKeys();
    }

    @Override
    public Outcome confirm(String paymentKey, String paymentId, long amount) {
        String body = json.writeValueAsString(json.createObjectNode()
                .put("paymentKey", Objects.requireNonNull(paymentKey, "paymentKey"))
                .put("orderId", Objects.requireNonNull(paymentId, "paymentId"))
                .put("amount", amount));
        HttpRequest.Builder request = request("/v1/payments/confirm").POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKeys) {
            request.header("Idempotency-Key", paymentId);
        }
        return call("confirm", request.build(), replies::confirm);
    }

    @Override
    public Outcome lookUp(String paymentId) {
        HttpRequest request = request("/v1/payments/orders/" + segment(paymentId)).GET().build();
        return call("lookup", request, replies::lookUp);
    }

    @Override
    public Outcome cancel(String paymentKey, String reason) {
        String body = json.writeValueAsString(json.createObjectNode()
                .put("cancelReason", Objects.requireNonNull(reason, "reason")));
        HttpRequest request = request("/v1/payments/" + segment(paymentKey) + "/cancel")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return call("cancel", request, replies::cancel);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(readTimeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private Outcome call(String name, HttpRequest request, BiFunction<Integer, String, Outcome> meaning) {
        Timer.Sample sample = Timer.start(registry);
        Outcome outcome = exchange(request, meaning);
        sample.stop(Timer.builder(METRIC)
                .description("Calls to the payment gateway by call and outcome, and the time spent waiting on it")
                .tag("call", name)
                .tag("outcome", tag(outcome))
                .register(registry));
        if (outcome instanceof Unknown unknown) {
            log.warn("Payment gateway {} {} {}: outcome unknown ({}, may still be processed: {})", name,
                    request.method(), request.uri().getRawPath(), unknown.reason(), unknown.mayStillBeProcessed());
        }
        return outcome;
    }

    /**
     * {@code sendAsync} bounded by {@code callLimit} rather than the blocking {@code send}: the request timeout ends
     * at the answer's headers, so a PG that sends them and then trickles the body would otherwise hold the call past
     * every timeout.
     */
    private Outcome exchange(HttpRequest request, BiFunction<Integer, String, Outcome> meaning) {
        CompletableFuture<HttpResponse<String>> pending = null;
        try {
            pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> response = pending.get(callLimit.toNanos(), TimeUnit.NANOSECONDS);
            return meaning.apply(response.statusCode(), response.body());
        } catch (ExecutionException failed) {
            return failure(failed.getCause());
        } catch (TimeoutException late) {
            pending.cancel(true);
            return new Unknown("no complete answer within " + callLimit, true);
        } catch (InterruptedException interrupted) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return new Unknown("interrupted while waiting for the PG", true);
        } catch (RuntimeException unforeseen) {
            log.error("Payment gateway call {} {} failed unforeseen", request.method(), request.uri().getRawPath(),
                    unforeseen);
            return new Unknown("unforeseen failure: " + unforeseen, true);
        }
    }

    /**
     * Only a connection that was never made proves the request never left; a timeout or a broken connection after
     * that may have delivered it whole.
     */
    static Unknown failure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException) {
                return new Unknown("could not connect to the PG: " + t.getMessage(), false);
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return new Unknown("no answer from the PG within the read timeout", true);
            }
        }
        return new Unknown("the connection to the PG broke: " + cause, true);
    }

    private static String tag(Outcome outcome) {
        return switch (outcome) {
            case Approved ignored -> "approved";
            case Refused ignored -> "refused";
            case AlreadyProcessed ignored -> "already_processed";
            case NoApproval ignored -> "no_approval";
            case Canceled ignored -> "canceled";
            case Unknown ignored -> "unknown";
        };
    }

    /** A path segment, percent-encoded (a space as {@code %20}, not the form encoding's {@code +}). */
    private static String segment(String value) {
        return URLEncoder.encode(Objects.requireNonNull(value, "path segment"), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
