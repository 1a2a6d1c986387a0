package com.ecommerce.adapter.in.web.stock;

import com.ecommerce.adapter.in.web.WebSliceTest;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.application.stock.port.in.RegisterItemCommand;
import com.ecommerce.application.stock.port.in.RestockItemCommand;
import com.ecommerce.domain.shared.Limits;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ItemControllerTest extends WebSliceTest {

    @Test
    void registerItem_answers201WithLocationAndTheItem() throws Exception {
        mvc.perform(post("/api/v1/items").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"pen\", \"price\": 1500, \"stock\": 10}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "http://localhost/api/v1/items/3"))
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content().json("{\"itemId\": 3, \"name\": \"pen\", \"price\": 1500, \"stock\": 10}",
                        JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest()).isEqualTo(new RegisterItemCommand("pen", 1500, 10));
    }

    @Test
    void registerItem_whenPriceIsOverTheLimit_answers400NamingThePrice() throws Exception {
        mvc.perform(post("/api/v1/items").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"pen\", \"price\": " + (Limits.PRICE_MAX + 1) + ", \"stock\": 10}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST",
                         "errors": [{"field": "price", "reason": "must be less than or equal to 100000000"}]}
                        """));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void registerItem_whenPriceIsAString_answers400RatherThanCoercing() throws Exception {
        mvc.perform(post("/api/v1/items").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"pen\", \"price\": \"1500\", \"stock\": 10}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST",
                         "errors": [{"field": "price", "reason": "has the wrong type or is out of range"}]}
                        """));
    }

    @Test
    void getItem_answers200WithTheItem() throws Exception {
        mvc.perform(get("/api/v1/items/9"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"itemId\": 9, \"name\": \"pen\", \"price\": 1500, \"stock\": 10}",
                        JsonCompareMode.STRICT));
    }

    @Test
    void listItems_withoutPaging_asksForTheFirstPageOfTheDefaultSize() throws Exception {
        mvc.perform(get("/api/v1/items"))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"content": [{"itemId": 3, "name": "pen", "price": 1500, "stock": 10}],
                         "page": 0, "size": 20, "totalElements": 1}
                        """, JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest()).isEqualTo(new PageQuery(0, PageQuery.SIZE_DEFAULT));
    }

    @Test
    void listItems_withTheMaximumSize_isAnswered() throws Exception {
        mvc.perform(get("/api/v1/items").param("page", "2").param("size", String.valueOf(PageQuery.SIZE_MAX)))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"page\": 2, \"size\": 100}"));
    }

    @Test
    void listItems_whenSizeIsOverTheMaximum_answers400NamingSize() throws Exception {
        mvc.perform(get("/api/v1/items").param("size", String.valueOf(PageQuery.SIZE_MAX + 1)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST", "errors": [{"field": "size", "reason": "must be between 1 and 100"}]}
                        """));
    }

    @Test
    void restock_answers200WithTheNewStockLevel() throws Exception {
        mvc.perform(post("/api/v1/items/3/stock/restock").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quantity\": 5}"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"itemId\": 3, \"stock\": 15}", JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest()).isEqualTo(new RestockItemCommand(3, 5));
    }

    @Test
    void restock_whenQuantityIsZero_answers400NamingTheQuantity() throws Exception {
        mvc.perform(post("/api/v1/items/3/stock/restock").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quantity\": 0}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST",
                         "errors": [{"field": "quantity", "reason": "must be greater than or equal to 1"}]}
                        """));
    }
}
