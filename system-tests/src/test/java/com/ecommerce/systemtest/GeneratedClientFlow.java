package com.ecommerce.systemtest;

import com.ecommerce.systemtest.client.ApiClient;
import com.ecommerce.systemtest.client.ApiException;
import com.ecommerce.systemtest.client.ApiResponse;
import com.ecommerce.systemtest.client.api.ItemsApi;
import com.ecommerce.systemtest.client.api.OrdersApi;
import com.ecommerce.systemtest.client.api.PaymentsApi;
import com.ecommerce.systemtest.client.api.PointsApi;
import com.ecommerce.systemtest.client.api.UsersApi;
import com.ecommerce.systemtest.client.model.ChargePointRequest;
import com.ecommerce.systemtest.client.model.ConfirmPaymentRequest;
import com.ecommerce.systemtest.client.model.CreatePaymentRequest;
import com.ecommerce.systemtest.client.model.Item;
import com.ecommerce.systemtest.client.model.Order;
import com.ecommerce.systemtest.client.model.OrderLine;
import com.ecommerce.systemtest.client.model.OrderPage;
import com.ecommerce.systemtest.client.model.Payment;
import com.ecommerce.systemtest.client.model.PaymentConfirmed;
import com.ecommerce.systemtest.client.model.PaymentCreated;
import com.ecommerce.systemtest.client.model.PlaceOrderLine;
import com.ecommerce.systemtest.client.model.PlaceOrderRequest;
import com.ecommerce.systemtest.client.model.PointBalance;
import com.ecommerce.systemtest.client.model.PointHistoryEntry;
import com.ecommerce.systemtest.client.model.PointHistoryEntryPage;
import com.ecommerce.systemtest.client.model.Problem;
import com.ecommerce.systemtest.client.model.ProblemCode;
import com.ecommerce.systemtest.client.model.RegisterItemRequest;
import com.ecommerce.systemtest.client.model.RegisterUserRequest;
import com.ecommerce.systemtest.client.model.User;
import com.ecommerce.systemtest.support.Load;
import com.ecommerce.systemtest.support.PaymentGatewaySimulator;
import com.ecommerce.systemtest.support.ServiceInstance;
import com.ecommerce.systemtest.support.Tokens;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The service driven through a Java client that nobody here writes: generated from {@code docs/openapi.json} during
 * the build (openapi-generator, library {@code native}: see system-tests' POM) and never edited. Only the generated
 * API and model classes talk to the instances; the tokens are the system tests' own ({@link Tokens}). The flow:
 * register a user and an item as an administrator, charge with an {@code Idempotency-Key} on one instance and repeat
 * it on the other (charged once, equal answers), reuse the key with another amount ({@code 422}), pay for points
 * through the gateway simulator (create, a confirm with another amount refused with
 * {@code 409 PAYMENT_AMOUNT_MISMATCH} before the gateway hears of it, confirm, the repeat on the other instance
 * answering the same body, read back), order (201 and {@code Location}, replayed with its key), read the order, the
 * user's orders and the history back, order more than is left ({@code 409 OUT_OF_STOCK} naming the item) and call
 * without a token ({@code 401}); every problem body is read as the generated {@link Problem}, and the final balance
 * and stock are checked through the client. The simulator's control API is read only to count what reached it.
 *
 * <p>The client's Jackson mapper is the generated default with unknown properties made an error, so an answer with a
 * field the document does not state fails here.
 */
final class GeneratedClientFlow {

    private static final long PRICE = 1_500;
    private static final long STOCK = 3;
    private static final long CHARGE = 10_000;
    private static final long PAYMENT = 4_000;
    private static final long CREDITED = CHARGE + PAYMENT;

    /** Answers by outcome: "OK" for a 2xx (counted as it arrives), otherwise the problem's code once it is read. */
    private final Map<String, Integer> outcomes = new TreeMap<>();

    private final PaymentGatewaySimulator gateway;

    private GeneratedClientFlow(PaymentGatewaySimulator gateway) {
        this.gateway = gateway;
    }

    /** Drives {@code a} and {@code b}, which must both confirm payments with {@code gateway}. */
    static Load.Tally run(ServiceInstance a, ServiceInstance b, PaymentGatewaySimulator gateway) throws ApiException {
        GeneratedClientFlow flow = new GeneratedClientFlow(gateway);
        flow.drive(a, b);
        return new Load.Tally(flow.outcomes, flow.outcomes.values().stream().mapToInt(Integer::intValue).sum());
    }

    private void drive(ServiceInstance a, ServiceInstance b) throws ApiException {
        ApiClient adminOnA = client(a, Tokens.admin());
        UsersApi users = new UsersApi(adminOnA);
        ItemsApi items = new ItemsApi(adminOnA);

        ApiResponse<User> registered = users.registerUserWithHttpInfo(new RegisterUserRequest().name("  generated  "));
        long userId = registered.getData().getUserId();
        assertThat(registered.getStatusCode()).isEqualTo(201);
        assertThat(registered.getData()).isEqualTo(new User().userId(userId).name("generated").balance(0L));
        assertThat(location(registered)).isEqualTo(a.baseUrl() + "/api/v1/users/" + userId);

        ApiResponse<Item> listed = items.registerItemWithHttpInfo(
                new RegisterItemRequest().name("pen").price(PRICE).stock(STOCK));
        long itemId = listed.getData().getItemId();
        assertThat(listed.getStatusCode()).isEqualTo(201);
        assertThat(listed.getData()).isEqualTo(new Item().itemId(itemId).name("pen").price(PRICE).stock(STOCK));
        assertThat(location(listed)).isEqualTo(a.baseUrl() + "/api/v1/items/" + itemId);

        String buyer = Tokens.user(userId);
        ApiClient buyerOnA = client(a, buyer);
        ApiClient buyerOnB = client(b, buyer);
        PointsApi pointsOnA = new PointsApi(buyerOnA);
        PointsApi pointsOnB = new PointsApi(buyerOnB);
        OrdersApi ordersOnA = new OrdersApi(buyerOnA);
        OrdersApi ordersOnB = new OrdersApi(buyerOnB);

        // a charge with a key, then the same charge with the same key on the other instance: one effect, one answer
        String chargeKey = "generated-client-charge";
        ChargePointRequest charge = new ChargePointRequest().amount(CHARGE);
        ApiResponse<PointBalance> charged = pointsOnA.chargePointsWithHttpInfo(userId, charge, chargeKey);
        ApiResponse<PointBalance> repeated = pointsOnB.chargePointsWithHttpInfo(userId, charge, chargeKey);
        assertThat(charged.getStatusCode()).isEqualTo(200);
        assertThat(charged.getData()).isEqualTo(new PointBalance().userId(userId).balance(CHARGE));
        assertThat(repeated.getStatusCode()).isEqualTo(200);
        assertThat(repeated.getData()).isEqualTo(charged.getData());
        assertThat(pointsOnA.getPointBalance(userId).getBalance()).as("charged once").isEqualTo(CHARGE);

        // the same key with another amount
        Problem reused = refusal(buyerOnA, 422,
                () -> pointsOnA.chargePoints(userId, new ChargePointRequest().amount(5_000L), chargeKey)).problem();
        assertThat(reused.getCode()).isEqualTo(ProblemCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(reused.getType()).isEqualTo(URI.create("urn:ecommerce:problem:idempotency-key-reused"));
        assertThat(reused.getStatus()).isEqualTo(422);
        assertThat(pointsOnB.getPointBalance(userId).getBalance()).as("nothing changed").isEqualTo(CHARGE);

        String paymentId = payThroughTheGateway(a, b, buyerOnA, buyerOnB, userId);

        // two of the three pens, with a key; the repeat answers the same order
        String orderKey = "generated-client-order";
        PlaceOrderRequest twoPens = new PlaceOrderRequest().userId(userId)
                .addLinesItem(new PlaceOrderLine().itemId(itemId).quantity(2));
        ApiResponse<Order> placed = ordersOnA.placeOrderWithHttpInfo(twoPens, orderKey);
        Order order = placed.getData();
        long orderId = order.getOrderId();
        assertThat(placed.getStatusCode()).isEqualTo(201);
        assertThat(location(placed)).isEqualTo(a.baseUrl() + "/api/v1/orders/" + orderId);
        assertThat(order.getUserId()).isEqualTo(userId);
        assertThat(order.getStatus()).isEqualTo(Order.StatusEnum.PAID);
        assertThat(order.getTotalAmount()).isEqualTo(2 * PRICE);
        assertThat(order.getLines()).containsExactly(
                new OrderLine().itemId(itemId).quantity(2).unitPrice(PRICE).amount(2 * PRICE));
        assertThat(order.getCreatedAt()).isNotNull();
        ApiResponse<Order> replayed = ordersOnA.placeOrderWithHttpInfo(twoPens, orderKey);
        assertThat(replayed.getStatusCode()).isEqualTo(201);
        assertThat(replayed.getData()).isEqualTo(order);
        assertThat(location(replayed)).isEqualTo(location(placed));

        // read back, on the other instance
        assertThat(ordersOnB.getOrder(orderId)).isEqualTo(order);
        OrderPage orders = ordersOnB.listUserOrders(userId, 0, 20);
        assertThat(orders.getContent()).containsExactly(order);
        assertThat(orders.getTotalElements()).isEqualTo(1);
        PointHistoryEntryPage history = pointsOnB.getPointHistory(userId, 0, 20);
        assertThat(history.getTotalElements()).isEqualTo(3);
        assertThat(history.getContent()).as("newest first")
                .extracting(PointHistoryEntry::getType, PointHistoryEntry::getAmount,
                        PointHistoryEntry::getBalanceAfter, PointHistoryEntry::getOrderId,
                        PointHistoryEntry::getPaymentId)
                .containsExactly(
                        tuple(PointHistoryEntry.TypeEnum.USE, 2 * PRICE, CREDITED - 2 * PRICE, orderId, null),
                        tuple(PointHistoryEntry.TypeEnum.CHARGE, PAYMENT, CREDITED, null, paymentId),
                        tuple(PointHistoryEntry.TypeEnum.CHARGE, CHARGE, CHARGE, null, null));

        // two more pens, one left
        Problem outOfStock = refusal(buyerOnB, 409, () -> ordersOnB.placeOrder(twoPens, null)).problem();
        assertThat(outOfStock.getCode()).isEqualTo(ProblemCode.OUT_OF_STOCK);
        assertThat(outOfStock.getItemIds()).containsExactly(itemId);
        assertThat(outOfStock.getType()).isEqualTo(URI.create("urn:ecommerce:problem:out-of-stock"));
        assertThat(outOfStock.getStatus()).isEqualTo(409);
        assertThat(outOfStock.getInstance()).isEqualTo("/api/v1/orders");

        // no token at all
        ApiClient anonymous = client(a, null);
        Refusal unauthenticated = refusal(anonymous, 401, () -> new UsersApi(anonymous).getUser(userId));
        assertThat(unauthenticated.problem().getCode()).isEqualTo(ProblemCode.UNAUTHENTICATED);
        assertThat(unauthenticated.problem().getStatus()).isEqualTo(401);
        assertThat(unauthenticated.exception().getResponseHeaders().firstValue("WWW-Authenticate")).hasValue("Bearer");

        // the exact final state, through the client
        assertThat(pointsOnA.getPointBalance(userId))
                .isEqualTo(new PointBalance().userId(userId).balance(CREDITED - 2 * PRICE));
        assertThat(users.getUser(userId))
                .isEqualTo(new User().userId(userId).name("generated").balance(CREDITED - 2 * PRICE));
        assertThat(gateway.confirms(paymentId)).as("confirms the gateway received").isEqualTo(1);
        assertThat(items.getItem(itemId))
                .isEqualTo(new Item().itemId(itemId).name("pen").price(PRICE).stock(STOCK - 2));
    }

    /**
     * A payment of {@link #PAYMENT} on top of the charge: created on {@code a}, confirmed there with the key the
     * gateway's payment window would have handed the buyer (the simulator approves any), confirmed again on
     * {@code b}, read back on {@code b}.
     *
     * @return the payment's id
     */
    private String payThroughTheGateway(ServiceInstance a, ServiceInstance b, ApiClient buyerOnA, ApiClient buyerOnB,
                                        long userId) throws ApiException {
        PaymentsApi paymentsOnA = new PaymentsApi(buyerOnA);
        PaymentsApi paymentsOnB = new PaymentsApi(buyerOnB);

        ApiResponse<PaymentCreated> created = paymentsOnA.createPaymentWithHttpInfo(userId,
                new CreatePaymentRequest().amount(PAYMENT));
        PaymentCreated payment = created.getData();
        String paymentId = payment.getPaymentId();
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(paymentId).matches("[A-Za-z0-9_-]{6,64}");
        assertThat(payment.getUserId()).isEqualTo(userId);
        assertThat(payment.getAmount()).isEqualTo(PAYMENT);
        assertThat(payment.getStatus()).isEqualTo(PaymentCreated.StatusEnum.READY);
        assertThat(payment.getCreatedAt()).isNotNull();
        assertThat(location(created)).isEqualTo(
                a.baseUrl() + "/api/v1/users/" + userId + "/points/payments/" + paymentId);

        String paymentKey = "pk_" + paymentId;
        Problem mismatch = refusal(buyerOnA, 409, () -> paymentsOnA.confirmPayment(userId, paymentId,
                new ConfirmPaymentRequest().paymentKey(paymentKey).amount(PAYMENT + 1))).problem();
        assertThat(mismatch.getCode()).isEqualTo(ProblemCode.PAYMENT_AMOUNT_MISMATCH);
        assertThat(mismatch.getType()).isEqualTo(URI.create("urn:ecommerce:problem:payment-amount-mismatch"));
        assertThat(mismatch.getStatus()).isEqualTo(409);
        assertThat(mismatch.getPgCode()).isNull();
        assertThat(gateway.calls(paymentId)).as("what reached the gateway of a refused confirm").isEmpty();
        assertThat(paymentsOnB.getPayment(userId, paymentId).getStatus()).isEqualTo(Payment.StatusEnum.READY);

        ConfirmPaymentRequest confirm = new ConfirmPaymentRequest().paymentKey(paymentKey).amount(PAYMENT);
        ApiResponse<PaymentConfirmed> confirmed = paymentsOnA.confirmPaymentWithHttpInfo(userId, paymentId, confirm);
        PaymentConfirmed done = confirmed.getData();
        assertThat(confirmed.getStatusCode()).isEqualTo(200);
        assertThat(done.getPaymentId()).isEqualTo(paymentId);
        assertThat(done.getUserId()).isEqualTo(userId);
        assertThat(done.getAmount()).isEqualTo(PAYMENT);
        assertThat(done.getStatus()).isEqualTo(PaymentConfirmed.StatusEnum.DONE);
        assertThat(done.getBalance()).isEqualTo(CREDITED);
        assertThat(done.getApprovedAt()).isNotNull();
        ApiResponse<PaymentConfirmed> repeated = paymentsOnB.confirmPaymentWithHttpInfo(userId, paymentId, confirm);
        assertThat(repeated.getStatusCode()).isEqualTo(200);
        assertThat(repeated.getData()).as("the repeat's body").isEqualTo(done);

        assertThat(paymentsOnB.getPayment(userId, paymentId)).isEqualTo(new Payment().paymentId(paymentId)
                .userId(userId).amount(PAYMENT).status(Payment.StatusEnum.DONE).balance(CREDITED)
                .approvedAt(done.getApprovedAt()).createdAt(payment.getCreatedAt()).pgCode(null));
        assertThat(new PointsApi(buyerOnB).getPointBalance(userId).getBalance()).as("credited once")
                .isEqualTo(CREDITED);
        return paymentId;
    }

    /** A generated client of one instance, sending the given token (none when null) with every request. */
    private ApiClient client(ServiceInstance to, String token) {
        ObjectMapper strict = ApiClient.createDefaultObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        ApiClient client = new ApiClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)), strict,
                to.baseUrl());
        client.setReadTimeout(Duration.ofSeconds(30));
        client.setResponseInterceptor(response -> {
            if (response.statusCode() / 100 == 2) {
                outcomes.merge("OK", 1, Integer::sum);
            }
        });
        if (token != null) {
            // the native library leaves security schemes to the caller: its request interceptor adds the header
            client.setRequestInterceptor(request -> request.header("Authorization", Tokens.bearer(token)));
        }
        return client;
    }

    private static String location(ApiResponse<?> response) {
        List<String> values = response.getHeaders().get("location");
        assertThat(values).as("Location").hasSize(1);
        return values.getFirst();
    }

    /** A call the service refused: the problem it answered and the generated client's exception. */
    private record Refusal(Problem problem, ApiException exception) {
    }

    @FunctionalInterface
    private interface Call {
        Object call() throws ApiException;
    }

    /**
     * The problem the call must fail with: the generated client's exception, its status, the problem media type, and
     * its body read as the generated {@link Problem} with the client's own mapper.
     */
    private Refusal refusal(ApiClient client, int status, Call call) {
        ApiException thrown = null;
        try {
            Object answer = call.call();
            fail("expected " + status + " but the call succeeded with " + answer);
        } catch (ApiException e) {
            thrown = e;
        }
        assertThat(thrown.getCode()).as(thrown.getMessage()).isEqualTo(status);
        assertThat(thrown.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
        Problem problem;
        try {
            problem = client.getObjectMapper().readValue(thrown.getResponseBody(), Problem.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the body is not the document's Problem: " + thrown.getResponseBody(), e);
        }
        assertThat(problem.getDetail()).isNotBlank();
        assertThat(problem.getTitle()).isNotBlank();
        outcomes.merge(problem.getCode().getValue(), 1, Integer::sum);
        return new Refusal(problem, thrown);
    }
}
