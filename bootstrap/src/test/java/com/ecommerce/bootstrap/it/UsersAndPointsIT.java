package com.ecommerce.bootstrap.it;

import com.ecommerce.bootstrap.support.Api.Response;
import com.ecommerce.bootstrap.support.DbSnapshot;
import com.ecommerce.bootstrap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class UsersAndPointsIT extends IntegrationTest {

    @Test
    void register_answers201WithLocationAndStoresTheTrimmedName() {
        Response r = api.post("/api/v1/users", "{\"name\":\"  kim  \"}");

        assertThat(r.status()).isEqualTo(201);
        long userId = r.id("userId");
        assertThat(userId).isPositive();
        assertThat(r.json().path("name").asString()).isEqualTo("kim");
        assertThat(r.json().path("balance").asLong()).isZero();
        assertThat(r.header("Location")).endsWith("/api/v1/users/" + userId);
        assertThat(api.get("/api/v1/users/" + userId).json().path("name").asString()).isEqualTo("kim");
        assertThat(jdbc.queryForObject("select name from users where id = ?", String.class, userId)).isEqualTo("kim");
    }

    @Test
    void register_aKoreanNameWithAnEmoji_isStoredAsSent() {
        Response r = api.post("/api/v1/users", "{\"name\":\"김철수 🙂\"}");

        assertThat(r.status()).isEqualTo(201);
        long userId = r.id("userId");
        assertThat(api.get("/api/v1/users/" + userId).json().path("name").asString()).isEqualTo("김철수 🙂");
        assertThat(jdbc.queryForObject("select name from users where id = ?", String.class, userId))
                .isEqualTo("김철수 🙂");
    }

    @Test
    void register_withInvalidNames_is400AndStoresNothing() {
        DbSnapshot before = snapshot();
        for (String body : new String[]{"{\"name\":\"   \"}", "{}", "{\"name\":null}",
                "{\"name\":\"" + "x".repeat(101) + "\"}", "{\"name\":42}", "{\"name\":\"kim\\nlee\"}",
                "{\"name\":\"a\\u001b[2Jb\"}", "{\"name\":\"evil\\u202Etxt\"}", "{\"name\":\"kim\\u200Blee\"}"}) {
            Response r = api.post("/api/v1/users", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INVALID_REQUEST");
            assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
        }
        assertThat(api.post("/api/v1/users", "{\"name\":\" " + "x".repeat(100) + " \"}").status()).isEqualTo(201);
        assertThat(snapshot().users()).isEqualTo(before.users() + 1);
    }

    @Test
    void charge_addsToTheBalanceAndRecordsHistory() {
        long userId = api.newUser("lee");

        Response r = api.charge(userId, 1_000);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("userId").asLong()).isEqualTo(userId);
        assertThat(r.json().path("balance").asLong()).isEqualTo(1_000);
        assertThat(api.get("/api/v1/users/" + userId + "/points").json().path("balance").asLong()).isEqualTo(1_000);
        JsonNode entry = api.get("/api/v1/users/" + userId + "/points/history").json().path("content").get(0);
        assertThat(entry.path("type").asString()).isEqualTo("CHARGE");
        assertThat(entry.path("amount").asLong()).isEqualTo(1_000);
        assertThat(entry.path("balanceAfter").asLong()).isEqualTo(1_000);
        assertThat(entry.path("orderId").isNull()).isTrue();
        assertThat(entry.path("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    }

    @Test
    void charge_outsideItsRange_is400AndChangesNothing() {
        long userId = api.newUserWithBalance(100);
        DbSnapshot before = snapshot();
        for (String amount : new String[]{"0", "-1", "1000001", "1.5", "\"10\"", "true", "null",
                "99999999999999999999", "1e3"}) {
            Response r = api.post("/api/v1/users/" + userId + "/points/charge", "{\"amount\":" + amount + "}");
            assertThat(r.status()).as(amount).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INVALID_REQUEST");
            assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("amount");
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void charge_pastTheBalanceCap_is409PointLimitExceededAndChangesNothing() {
        long userId = api.newUserWithBalance(100_000_000);
        DbSnapshot before = snapshot();

        Response r = api.charge(userId, 1);

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("POINT_LIMIT_EXCEEDED");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void unknownUsers_are404UserNotFound() {
        for (Response r : new Response[]{api.get("/api/v1/users/987654321"),
                api.get("/api/v1/users/987654321/points"), api.charge(987654321, 10),
                api.get("/api/v1/users/987654321/points/history"), api.get("/api/v1/users/987654321/orders")}) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("USER_NOT_FOUND");
        }
    }

    @Test
    void idsThatAreNotPositive64BitNumbers_are400() {
        for (String id : new String[]{"abc", "0", "-5", "9223372036854775808", "1.5"}) {
            Response r = api.get("/api/v1/users/" + id + "/points");
            assertThat(r.status()).as(id).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INVALID_REQUEST");
        }
    }

    @Test
    void history_isNewestFirstAndPaged() {
        long userId = api.newUser("pager");
        for (int amount = 1; amount <= 5; amount++) {
            api.charge(userId, amount);
        }

        JsonNode first = api.get("/api/v1/users/" + userId + "/points/history?page=0&size=2").json();
        JsonNode last = api.get("/api/v1/users/" + userId + "/points/history?page=2&size=2").json();
        JsonNode defaults = api.get("/api/v1/users/" + userId + "/points/history").json();

        assertThat(first.path("totalElements").asLong()).isEqualTo(5);
        assertThat(first.path("page").asInt()).isZero();
        assertThat(first.path("size").asInt()).isEqualTo(2);
        assertThat(first.path("content").get(0).path("amount").asLong()).isEqualTo(5);
        assertThat(first.path("content").get(1).path("amount").asLong()).isEqualTo(4);
        assertThat(first.path("content").get(0).path("balanceAfter").asLong()).isEqualTo(15);
        assertThat(last.path("content").size()).isEqualTo(1);
        assertThat(last.path("content").get(0).path("amount").asLong()).isEqualTo(1);
        assertThat(defaults.path("size").asInt()).isEqualTo(20);
        assertThat(defaults.path("content").size()).isEqualTo(5);
    }

    @Test
    void paging_outOfRange_is400() {
        long userId = api.newUser("pager");
        for (String query : new String[]{"page=-1", "size=0", "size=101", "page=x", "size=2147483648"}) {
            Response r = api.get("/api/v1/users/" + userId + "/points/history?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INVALID_REQUEST");
        }
        assertThat(api.get("/api/v1/users/" + userId + "/points/history?size=100").status()).isEqualTo(200);
    }

    @Test
    void aPagePastTheEnd_evenWherePageTimesSizePasses2To31_isEmpty() {
        long userId = api.newUser("far pager");
        api.charge(userId, 5);
        for (String path : new String[]{"/api/v1/items", "/api/v1/users/" + userId + "/points/history",
                "/api/v1/users/" + userId + "/orders"}) {
            for (String query : new String[]{"page=21474837&size=100", "page=2147483647&size=100"}) {
                Response r = api.get(path + "?" + query);
                assertThat(r.status()).as(path + "?" + query).isEqualTo(200);
                assertThat(r.json().path("content").size()).as(path + "?" + query).isZero();
                assertThat(r.json().path("size").asInt()).isEqualTo(100);
            }
        }
        assertThat(api.get("/api/v1/users/" + userId + "/points/history?page=21474837&size=100").json()
                .path("totalElements").asLong()).isEqualTo(1);
    }
}
