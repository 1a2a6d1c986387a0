package com.ecommerce.bootstrap.it;

import com.ecommerce.bootstrap.support.Api.Response;
import com.ecommerce.bootstrap.support.DbSnapshot;
import com.ecommerce.bootstrap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ItemsIT extends IntegrationTest {

    @Test
    void register_answers201WithLocationAndTheItem() {
        Response r = api.post("/api/v1/items", "{\"name\":\" pen \",\"price\":1500,\"stock\":10}");

        assertThat(r.status()).isEqualTo(201);
        long itemId = r.id("itemId");
        assertThat(r.header("Location")).endsWith("/api/v1/items/" + itemId);
        assertThat(r.json().path("name").asString()).isEqualTo("pen");
        assertThat(r.json().path("price").asLong()).isEqualTo(1500);
        assertThat(r.json().path("stock").asLong()).isEqualTo(10);
        Response get = api.get("/api/v1/items/" + itemId);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json()).isEqualTo(r.json());
    }

    @Test
    void register_outsideTheLimits_is400AndStoresNothing() {
        DbSnapshot before = snapshot();
        String[] bodies = {
                "{\"name\":\"x\",\"price\":-1,\"stock\":1}",
                "{\"name\":\"x\",\"price\":100000001,\"stock\":1}",
                "{\"name\":\"x\",\"price\":1,\"stock\":-1}",
                "{\"name\":\"x\",\"price\":1,\"stock\":1000001}",
                "{\"name\":\"\",\"price\":1,\"stock\":1}",
                "{\"price\":1,\"stock\":1}",
                "{\"name\":\"x\",\"stock\":1}",
                "{\"name\":\"x\",\"price\":1,\"stock\":1,\"color\":\"red\"}"};
        for (String body : bodies) {
            Response r = api.post("/api/v1/items", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INVALID_REQUEST");
            assertThat(r.json().path("errors").isArray()).isTrue();
        }
        Response both = api.post("/api/v1/items", "{\"name\":\"\",\"price\":-1,\"stock\":1}");
        assertThat(both.json().path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("name", "price");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(api.post("/api/v1/items", "{\"name\":\"x\",\"price\":100000000,\"stock\":1000000}").status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/items", "{\"name\":\"x\",\"price\":0,\"stock\":0}").status()).isEqualTo(201);
    }

    @Test
    void list_pagesItemsOldestFirst() {
        long total = api.get("/api/v1/items?size=1").json().path("totalElements").asLong();
        long a = api.newItem(10, 1);
        long b = api.newItem(20, 2);
        long c = api.newItem(30, 3);

        JsonNode pageOfA = api.get("/api/v1/items?page=" + total + "&size=1").json();
        JsonNode pageOfB = api.get("/api/v1/items?page=" + (total + 1) + "&size=1").json();
        JsonNode pageOfC = api.get("/api/v1/items?page=" + (total + 2) + "&size=1").json();
        JsonNode beyond = api.get("/api/v1/items?page=" + (total + 3) + "&size=1").json();

        assertThat(pageOfA.path("totalElements").asLong()).isEqualTo(total + 3);
        assertThat(pageOfA.path("page").asLong()).isEqualTo(total);
        assertThat(pageOfA.path("size").asInt()).isEqualTo(1);
        assertThat(pageOfA.path("content").get(0).path("itemId").asLong()).isEqualTo(a);
        assertThat(pageOfB.path("content").get(0).path("itemId").asLong()).isEqualTo(b);
        assertThat(pageOfC.path("content").get(0).path("itemId").asLong()).isEqualTo(c);
        assertThat(pageOfC.path("content").get(0).path("stock").asLong()).isEqualTo(3);
        assertThat(pageOfC.path("content").get(0).path("price").asLong()).isEqualTo(30);
        assertThat(beyond.path("content").size()).isZero();
        assertThat(api.get("/api/v1/items").json().path("size").asInt()).isEqualTo(20);
    }

    @Test
    void restock_addsStock() {
        long itemId = api.newItem(100, 10);

        Response r = api.post("/api/v1/items/" + itemId + "/stock/restock", "{\"quantity\":5}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("itemId").asLong()).isEqualTo(itemId);
        assertThat(r.json().path("stock").asLong()).isEqualTo(15);
        assertThat(jdbc.queryForObject("select quantity from item_stock where item_id = ?", Long.class, itemId))
                .isEqualTo(15);
    }

    @Test
    void restock_pastTheCap_is409StockLimitExceededAndChangesNothing() {
        long itemId = api.newItem(100, 999_999);
        DbSnapshot before = snapshot();

        Response r = api.post("/api/v1/items/" + itemId + "/stock/restock", "{\"quantity\":2}");

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("STOCK_LIMIT_EXCEEDED");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void restock_withABadQuantity_is400() {
        long itemId = api.newItem(100, 1);
        for (String q : new String[]{"0", "-3", "1000001", "2.5"}) {
            Response r = api.post("/api/v1/items/" + itemId + "/stock/restock", "{\"quantity\":" + q + "}");
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INVALID_REQUEST");
        }
    }

    @Test
    void unknownItems_are404ItemNotFound() {
        Response get = api.get("/api/v1/items/987654321");
        Response restock = api.post("/api/v1/items/987654321/stock/restock", "{\"quantity\":1}");
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.code()).isEqualTo("ITEM_NOT_FOUND");
        assertThat(restock.status()).isEqualTo(404);
        assertThat(restock.code()).isEqualTo("ITEM_NOT_FOUND");
    }
}
