package com.ecommerce.bootstrap.it;

import com.ecommerce.bootstrap.support.Api.Response;
import com.ecommerce.bootstrap.support.DbSnapshot;
import com.ecommerce.bootstrap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class OrdersIT extends IntegrationTest {

    @Test
    void placeOrder_deductsStockPaysAndAnswers201WithTheOrder() {
        long userId = api.newUserWithBalance(10_000);
        long pen = api.newItem(1_500, 10);
        long ink = api.newItem(700, 5);

        Response r = api.order(userId, pen, 2, ink, 3);

        assertThat(r.status()).isEqualTo(201);
        JsonNode order = r.json();
        long orderId = order.path("orderId").asLong();
        assertThat(r.header("Location")).endsWith("/api/v1/orders/" + orderId);
        assertThat(order.path("userId").asLong()).isEqualTo(userId);
        assertThat(order.path("status").asString()).isEqualTo("PAID");
        assertThat(order.path("totalAmount").asLong()).isEqualTo(5_100);
        assertThat(order.path("lines").size()).isEqualTo(2);
        assertThat(order.path("lines").get(0).path("itemId").asLong()).isEqualTo(pen);
        assertThat(order.path("lines").get(0).path("unitPrice").asLong()).isEqualTo(1_500);
        assertThat(order.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(order.path("lines").get(0).path("amount").asLong()).isEqualTo(3_000);
        assertThat(order.path("createdAt").asString()).endsWith("Z");

        assertThat(api.get("/api/v1/orders/" + orderId).json()).isEqualTo(order);
        assertThat(api.get("/api/v1/items/" + pen).json().path("stock").asLong()).isEqualTo(8);
        assertThat(api.get("/api/v1/items/" + ink).json().path("stock").asLong()).isEqualTo(2);
        assertThat(api.get("/api/v1/users/" + userId + "/points").json().path("balance").asLong()).isEqualTo(4_900);
        JsonNode use = api.get("/api/v1/users/" + userId + "/points/history").json().path("content").get(0);
        assertThat(use.path("type").asString()).isEqualTo("USE");
        assertThat(use.path("amount").asLong()).isEqualTo(5_100);
        assertThat(use.path("balanceAfter").asLong()).isEqualTo(4_900);
        assertThat(use.path("orderId").asLong()).isEqualTo(orderId);
    }

    @Test
    void userOrders_areNewestFirstAndPaged() {
        long userId = api.newUserWithBalance(1_000);
        long pen = api.newItem(1, 10);
        long first = api.order(userId, pen, 1).id("orderId");
        long second = api.order(userId, pen, 2).id("orderId");
        long third = api.order(userId, pen, 3).id("orderId");

        JsonNode page0 = api.get("/api/v1/users/" + userId + "/orders?page=0&size=2").json();
        JsonNode page1 = api.get("/api/v1/users/" + userId + "/orders?page=1&size=2").json();

        assertThat(page0.path("totalElements").asLong()).isEqualTo(3);
        assertThat(page0.path("content").get(0).path("orderId").asLong()).isEqualTo(third);
        assertThat(page0.path("content").get(1).path("orderId").asLong()).isEqualTo(second);
        assertThat(page0.path("content").get(0).path("lines").get(0).path("quantity").asInt()).isEqualTo(3);
        assertThat(page1.path("content").get(0).path("orderId").asLong()).isEqualTo(first);
    }

    @Test
    void unknownOrder_is404OrderNotFound() {
        Response r = api.get("/api/v1/orders/987654321");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("ORDER_NOT_FOUND");
    }

    @Test
    void unknownUserIsReportedBeforeUnknownItems() {
        long pen = api.newItem(1, 1);
        Response unknownBoth = api.order(987654321, 987654322, 1);
        Response unknownUser = api.order(987654321, pen, 1);
        long userId = api.newUserWithBalance(10);
        Response unknownItem = api.order(userId, pen, 1, 987654322, 1);

        assertThat(unknownBoth.status()).isEqualTo(404);
        assertThat(unknownBoth.code()).isEqualTo("USER_NOT_FOUND");
        assertThat(unknownUser.code()).isEqualTo("USER_NOT_FOUND");
        assertThat(unknownItem.status()).isEqualTo(404);
        assertThat(unknownItem.code()).isEqualTo("ITEM_NOT_FOUND");
        assertThat(api.get("/api/v1/items/" + pen).json().path("stock").asLong()).isEqualTo(1);
    }

    @Test
    void outOfStockIsReportedBeforeInsufficientPointsAndNamesTheItems() {
        long poorUser = api.newUserWithBalance(1);
        long plenty = api.newItem(1_000, 10);
        long scarce = api.newItem(1_000, 1);
        DbSnapshot before = snapshot();

        Response both = api.order(poorUser, plenty, 1, scarce, 2);
        Response pointsOnly = api.order(poorUser, plenty, 1);

        assertThat(both.status()).isEqualTo(409);
        assertThat(both.code()).isEqualTo("OUT_OF_STOCK");
        assertThat(both.json().path("itemIds").size()).isEqualTo(1);
        assertThat(both.json().path("itemIds").get(0).asLong()).isEqualTo(scarce);
        assertThat(pointsOnly.status()).isEqualTo(409);
        assertThat(pointsOnly.code()).isEqualTo("INSUFFICIENT_POINTS");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aMultiItemOrderThatFailsOnItsLastLine_changesNoLine() {
        long userId = api.newUserWithBalance(100_000);
        long a = api.newItem(10, 5);
        long b = api.newItem(10, 5);
        long c = api.newItem(10, 0);
        DbSnapshot before = snapshot();

        Response r = api.order(userId, a, 1, b, 1, c, 1);

        assertThat(r.code()).isEqualTo("OUT_OF_STOCK");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void malformedOrders_are400AndChangeNothing() {
        long userId = api.newUserWithBalance(100);
        long pen = api.newItem(1, 10);
        String fiftyOneLines = IntStream.rangeClosed(1, 51)
                .mapToObj(i -> "{\"itemId\":" + i + ",\"quantity\":1}").collect(Collectors.joining(","));
        DbSnapshot before = snapshot();
        String[] bodies = {
                "{\"userId\":" + userId + ",\"lines\":[]}",
                "{\"userId\":" + userId + "}",
                "{\"userId\":" + userId + ",\"lines\":[" + fiftyOneLines + "]}",
                "{\"userId\":" + userId + ",\"lines\":[{\"itemId\":" + pen + ",\"quantity\":1},{\"itemId\":" + pen + ",\"quantity\":2}]}",
                "{\"userId\":" + userId + ",\"lines\":[{\"itemId\":" + pen + ",\"quantity\":0}]}",
                "{\"userId\":" + userId + ",\"lines\":[{\"itemId\":" + pen + ",\"quantity\":1001}]}",
                "{\"userId\":" + userId + ",\"lines\":[{\"itemId\":0,\"quantity\":1}]}",
                "{\"userId\":-1,\"lines\":[{\"itemId\":" + pen + ",\"quantity\":1}]}",
                "{\"userId\":" + userId + ",\"lines\":[null]}",
                "{\"userId\":" + userId + ",\"lines\":{\"itemId\":1}}"};
        for (String body : bodies) {
            Response r = api.post("/api/v1/orders", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INVALID_REQUEST");
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void fiftyLinesAreAllowed() {
        long userId = api.newUserWithBalance(1_000);
        long[] pairs = new long[100];
        for (int i = 0; i < 50; i++) {
            pairs[2 * i] = api.newItem(1, 1);
            pairs[2 * i + 1] = 1;
        }
        Response r = api.order(userId, pairs);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("totalAmount").asLong()).isEqualTo(50);
        assertThat(r.json().path("lines").size()).isEqualTo(50);
    }
}
