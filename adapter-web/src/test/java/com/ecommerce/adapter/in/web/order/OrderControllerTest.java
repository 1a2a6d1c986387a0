package com.ecommerce.adapter.in.web.order;

import com.ecommerce.adapter.in.web.WebSliceTest;
import com.ecommerce.application.order.port.in.PlaceOrderCommand;
import com.ecommerce.application.shared.NotFound;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.application.idempotency.port.in.IdempotencyKey;
import com.ecommerce.domain.lock.LockTimeoutException;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.shared.Limits;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class OrderControllerTest extends WebSliceTest {

    private static final String ORDERS = "/api/v1/orders";
    private static final String TWO_PENS = """
            {"userId": 1, "lines": [{"itemId": 1, "quantity": 2}]}
            """;
    private static final String ORDER_OF_TWO_PENS = """
            {"orderId": 7, "userId": 1, "status": "PAID", "totalAmount": 3000,
             "lines": [{"itemId": 1, "unitPrice": 1500, "quantity": 2, "amount": 3000}],
             "createdAt": "2025-06-01T09:31:00Z"}
            """;

    @Test
    void placeOrder_answers201WithLocationAndTheOrder() throws Exception {
        mvc.perform(post(ORDERS).contentType(MediaType.APPLICATION_JSON).content(TWO_PENS)
                        .header("Idempotency-Key", "order-1"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "http://localhost/api/v1/orders/7"))
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content().json(ORDER_OF_TWO_PENS, JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest()).isEqualTo(new PlaceOrderCommand(1,
                List.of(new PlaceOrderCommand.Line(1, 2)), new IdempotencyKey("order-1")));
    }

    @Test
    void placeOrder_whenStockIsShort_answers409WithTheShortItems() throws Exception {
        useCases.failNextCallWith(new DomainException(ErrorCode.OUT_OF_STOCK, "Not enough stock for items [1]",
                Map.of("itemIds", List.of(1L))));

        mvc.perform(post(ORDERS).contentType(MediaType.APPLICATION_JSON).content(TWO_PENS))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:out-of-stock", "title": "Conflict", "status": 409,
                         "detail": "Not enough stock for items [1]", "instance": "/api/v1/orders",
                         "code": "OUT_OF_STOCK", "itemIds": [1]}
                        """, JsonCompareMode.STRICT));
    }

    @Test
    void placeOrder_whenItemsAreUnknown_answers404NamingEveryUnknownItem() throws Exception {
        useCases.failNextCallWith(NotFound.items(List.of(1L, 2L)));

        mvc.perform(post(ORDERS).contentType(MediaType.APPLICATION_JSON).content(TWO_PENS))
                .andExpect(status().isNotFound())
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:item-not-found", "title": "Not Found", "status": 404,
                         "detail": "Items [1, 2] do not exist", "instance": "/api/v1/orders",
                         "code": "ITEM_NOT_FOUND", "itemIds": [1, 2]}
                        """, JsonCompareMode.STRICT));
    }

    @Test
    void placeOrder_whenTheLocksTimeOut_answers503WithRetryAfter() throws Exception {
        useCases.failNextCallWith(new LockTimeoutException("[stock:1, point:1]", Duration.ofSeconds(3)));

        mvc.perform(post(ORDERS).contentType(MediaType.APPLICATION_JSON).content(TWO_PENS))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:lock-timeout", "title": "Service Unavailable", "status": 503,
                         "detail": "Could not lock [stock:1, point:1] within 3000 ms; retry later",
                         "instance": "/api/v1/orders", "code": "LOCK_TIMEOUT"}
                        """, JsonCompareMode.STRICT));
    }

    @Test
    void placeOrder_whenSomethingUnexpectedFails_answers500WithoutRevealingIt() throws Exception {
        useCases.failNextCallWith(new IllegalStateException("jdbc:mysql://db/orders refused: secret-password"));

        String body = mvc.perform(post(ORDERS).contentType(MediaType.APPLICATION_JSON).content(TWO_PENS))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:internal-error", "title": "Internal Server Error",
                         "status": 500, "detail": "An unexpected error occurred; it has been logged",
                         "instance": "/api/v1/orders", "code": "INTERNAL_ERROR"}
                        """, JsonCompareMode.STRICT))
                .andReturn().getResponse().getContentAsString();

        assertThat(body).doesNotContain("jdbc", "secret", "IllegalStateException", "at com.", "trace");
    }

    @Test
    void placeOrder_withMoreLinesThanTheLimit_answers400NamingTheLines() throws Exception {
        String lines = IntStream.rangeClosed(1, Limits.ORDER_LINES_MAX + 1)
                .mapToObj(i -> "{\"itemId\": " + i + ", \"quantity\": 1}").collect(Collectors.joining(","));

        mvc.perform(post(ORDERS).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\": 1, \"lines\": [" + lines + "]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST", "errors": [{"field": "lines", "reason": "size must be between 1 and 50"}]}
                        """));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void placeOrder_whenAQuantityIsOverTheLimit_answers400NamingTheLine() throws Exception {
        mvc.perform(post(ORDERS).contentType(MediaType.APPLICATION_JSON).content(
                        "{\"userId\": 1, \"lines\": [{\"itemId\": 1, \"quantity\": " + (Limits.ORDER_QUANTITY_MAX + 1) + "}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST",
                         "errors": [{"field": "lines[0].quantity", "reason": "must be less than or equal to 1000"}]}
                        """));
    }

    @Test
    void placeOrder_whenIdempotencyKeyIsTooLong_answers400NamingTheHeader() throws Exception {
        mvc.perform(post(ORDERS).contentType(MediaType.APPLICATION_JSON).content(TWO_PENS)
                        .header("Idempotency-Key", "k".repeat(65)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST", "errors": [{"field": "Idempotency-Key"}]}
                        """));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void getOrder_answers200WithTheOrder() throws Exception {
        mvc.perform(get(ORDERS + "/7"))
                .andExpect(status().isOk())
                .andExpect(content().json(ORDER_OF_TWO_PENS, JsonCompareMode.STRICT));
    }

    @Test
    void listUserOrders_withoutPaging_asksForTheFirstPageOfTheDefaultSize() throws Exception {
        mvc.perform(get("/api/v1/users/1/orders"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"content\": [" + ORDER_OF_TWO_PENS + "], \"page\": 0, \"size\": 20,"
                        + " \"totalElements\": 1}", JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest()).isEqualTo(new PageQuery(0, PageQuery.SIZE_DEFAULT));
    }

    @Test
    void listUserOrders_whenSizeIsOverTheMaximum_answers400NamingSize() throws Exception {
        mvc.perform(get("/api/v1/users/1/orders").param("size", String.valueOf(PageQuery.SIZE_MAX + 1)))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST", "errors": [{"field": "size", "reason": "must be between 1 and 100"}]}
                        """));
    }
}
