package com.ecommerce.adapter.in.web.problem;

import com.ecommerce.adapter.in.web.WebSliceTest;
import com.ecommerce.domain.shared.DatabaseUnavailableException;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The transport outcomes and the status of every business outcome, as the catalogue of api.md states them. */
class ApiExceptionHandlerTest extends WebSliceTest {

    @Test
    void unknownRoute_answers404NotFound() throws Exception {
        mvc.perform(get("/api/v1/nowhere"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:not-found", "title": "Not Found", "status": 404,
                         "detail": "No such route", "instance": "/api/v1/nowhere", "code": "NOT_FOUND"}
                        """, JsonCompareMode.STRICT));
    }

    @Test
    void knownRouteWithAnotherMethod_answers405WithTheAllowedMethods() throws Exception {
        mvc.perform(delete("/api/v1/orders"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", "POST"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:method-not-allowed", "title": "Method Not Allowed",
                         "status": 405, "detail": "This route does not support the method; see the Allow header",
                         "instance": "/api/v1/orders", "code": "METHOD_NOT_ALLOWED"}
                        """, JsonCompareMode.STRICT));
    }

    @Test
    void userPathsSplitOverControllers_stillAllowEachOthersMethods() throws Exception {
        mvc.perform(put("/api/v1/users/1/points/charge"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", "POST"));
        mvc.perform(post("/api/v1/users/1/orders").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", "GET"));
    }

    @Test
    void bodyThatIsNotJson_answers415UnsupportedMediaType() throws Exception {
        mvc.perform(post("/api/v1/orders").contentType(MediaType.TEXT_PLAIN).content("userId=1"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:unsupported-media-type", "title": "Unsupported Media Type",
                         "status": 415, "detail": "The body must be application/json", "instance": "/api/v1/orders",
                         "code": "UNSUPPORTED_MEDIA_TYPE"}
                        """, JsonCompareMode.STRICT));
    }

    @Test
    void bodyWithoutContentType_answers415UnsupportedMediaType() throws Exception {
        mvc.perform(post("/api/v1/users/1/points/charge").content("{\"amount\": 5}"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.code").value("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void bodyOverTheLimit_answers413BeforeItsMediaTypeOrFormatIsJudged() throws Exception {
        byte[] tooLarge = new byte[RequestSizeLimitFilter.MAX_BODY_BYTES + 1];

        mvc.perform(post("/api/v1/orders").contentType(MediaType.TEXT_PLAIN).content(tooLarge))
                .andExpect(status().isContentTooLarge())
                .andExpect(header().string("Connection", "close"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:payload-too-large", "title": "Content Too Large",
                         "status": 413, "detail": "The body is larger than 65536 bytes (64 KiB)",
                         "instance": "/api/v1/orders", "code": "PAYLOAD_TOO_LARGE"}
                        """, JsonCompareMode.STRICT));
    }

    @Test
    void bodyOfExactlyTheLimit_isLetThrough() throws Exception {
        byte[] atTheLimit = new byte[RequestSizeLimitFilter.MAX_BODY_BYTES];

        mvc.perform(post("/api/v1/orders").contentType(MediaType.TEXT_PLAIN).content(atTheLimit))
                .andExpect(status().isUnsupportedMediaType());
    }

    @Test
    void aPoolThatGaveNoConnection_underAnyWrapper_is503DatabaseUnavailable_sayingNothingOfTheInternals()
            throws Exception {
        useCases.failNextCallWith(new IllegalStateException("Unable to acquire JDBC Connection [HikariPool-1]",
                new DatabaseUnavailableException("No database connection came within 500 ms", null)));

        mvc.perform(get("/api/v1/users/1/points"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("DATABASE_UNAVAILABLE"))
                .andExpect(jsonPath("$.detail").value(not(containsString("Hikari"))))
                .andExpect(header().string("Retry-After", "1"));
    }

    @ParameterizedTest(name = "{0} is {1} {2}, Retry-After: {3}")
    @CsvSource({
            "INVALID_REQUEST, 400, Bad Request, ",
            "USER_NOT_FOUND, 404, Not Found, ",
            "ITEM_NOT_FOUND, 404, Not Found, ",
            "ORDER_NOT_FOUND, 404, Not Found, ",
            "PAYMENT_NOT_FOUND, 404, Not Found, ",
            "INSUFFICIENT_POINTS, 409, Conflict, ",
            "OUT_OF_STOCK, 409, Conflict, ",
            "POINT_LIMIT_EXCEEDED, 409, Conflict, ",
            "STOCK_LIMIT_EXCEEDED, 409, Conflict, ",
            "CONCURRENT_UPDATE, 409, Conflict, ",
            "PAYMENT_AMOUNT_MISMATCH, 409, Conflict, ",
            "PAYMENT_DECLINED, 409, Conflict, ",
            "IDEMPOTENCY_KEY_REUSED, 422, Unprocessable Content, ",
            "LOCK_TIMEOUT, 503, Service Unavailable, 1",
            "LOCK_UNAVAILABLE, 503, Service Unavailable, 1",
            "DATABASE_UNAVAILABLE, 503, Service Unavailable, 1",
            "COMMIT_OUTCOME_UNKNOWN, 503, Service Unavailable, 1",
            "PAYMENT_OUTCOME_UNKNOWN, 503, Service Unavailable, 1",
            "PAYMENTS_DISABLED, 503, Service Unavailable, ",
    })
    void businessOutcome_isAnsweredWithItsCatalogueStatus(ErrorCode code, int status, String title,
                                                          String retryAfter) throws Exception {
        useCases.failNextCallWith(new DomainException(code, "what happened"));

        mvc.perform(get("/api/v1/users/1/points"))
                .andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").value(title))
                .andExpect(jsonPath("$.code").value(code.name()))
                .andExpect(jsonPath("$.detail").value("what happened"))
                .andExpect(retryAfter == null ? header().doesNotExist("Retry-After")
                        : header().string("Retry-After", retryAfter));
    }
}
