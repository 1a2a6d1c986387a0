package com.ecommerce.adapter.in.web.user;

import com.ecommerce.adapter.in.web.WebSliceTest;
import com.ecommerce.application.shared.NotFound;
import com.ecommerce.application.user.port.in.RegisterUserCommand;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class UserControllerTest extends WebSliceTest {

    @Test
    void registerUser_answers201WithLocationAndTheTrimmedName() throws Exception {
        mvc.perform(post("/api/v1/users").contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"  kim \"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "http://localhost/api/v1/users/1"))
                .andExpect(content().json("{\"userId\": 1, \"name\": \"kim\", \"balance\": 0}",
                        JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest()).isEqualTo(new RegisterUserCommand("kim"));
    }

    @Test
    void registerUser_whenNameIsBlank_answers400NamingTheName() throws Exception {
        mvc.perform(post("/api/v1/users").contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"  \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST", "errors": [{"field": "name", "reason": "must not be blank"}]}
                        """));
    }

    @Test
    void registerUser_whenNameIsANumber_answers400RatherThanCoercing() throws Exception {
        mvc.perform(post("/api/v1/users").contentType(MediaType.APPLICATION_JSON).content("{\"name\": 12}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST",
                         "errors": [{"field": "name", "reason": "has the wrong type or is out of range"}]}
                        """));
    }

    @Test
    void getUser_answers200WithTheUser() throws Exception {
        mvc.perform(get("/api/v1/users/2"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content().json("{\"userId\": 2, \"name\": \"kim\", \"balance\": 1000}",
                        JsonCompareMode.STRICT));
    }

    @Test
    void getUser_whenTheUserIsUnknown_answers404UserNotFound() throws Exception {
        useCases.failNextCallWith(NotFound.user(2));

        mvc.perform(get("/api/v1/users/2"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:user-not-found", "title": "Not Found", "status": 404,
                         "detail": "User 2 does not exist", "instance": "/api/v1/users/2", "code": "USER_NOT_FOUND"}
                        """, JsonCompareMode.STRICT));
    }

    @Test
    void getUser_whenIdIsTooLargeForALong_answers400NamingUserId() throws Exception {
        mvc.perform(get("/api/v1/users/9223372036854775808"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST", "errors": [{"field": "userId", "reason": "must be a number in range"}]}
                        """));
    }
}
