package com.ecommerce.adapter.in.web.security;

import com.ecommerce.adapter.in.web.WebSliceTest;
import com.ecommerce.adapter.in.web.testing.TestTokens;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.user.Actor;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The filter chain in the slice: who gets through, the 401/403 problems, and the actor handed to the use case. */
class SecurityWebSliceTest extends WebSliceTest {

    private static final String CHARGE = "/api/v1/users/7/points/charge";
    private final TestTokens tokens = TestTokens.standard();

    @Autowired
    private WebApplicationContext context;
    @Autowired
    @Qualifier("springSecurityFilterChain")
    private Filter securityFilterChain;

    /** Without the slice's default administrator token. */
    private MockMvc anonymous;

    @BeforeEach
    void anonymousClient() {
        anonymous = MockMvcBuilders.webAppContextSetup(context).addFilters(securityFilterChain).build();
    }

    private ResultActions charge(MockMvc client, String authorization) throws Exception {
        var request = post(CHARGE).contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 5}");
        return client.perform(authorization == null ? request
                : request.header(HttpHeaders.AUTHORIZATION, authorization));
    }

    private static void assertUnauthenticated(ResultActions result, String wwwAuthenticate) throws Exception {
        result.andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, wwwAuthenticate))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.type").value("urn:ecommerce:problem:unauthenticated"))
                .andExpect(jsonPath("$.instance").value(CHARGE));
    }

    @Test
    void noToken_answers401WithBearerChallenge_andCallsNothing() throws Exception {
        assertUnauthenticated(charge(anonymous, null), "Bearer");
        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void aGarbageToken_answers401InvalidToken_andCallsNothing() throws Exception {
        assertUnauthenticated(charge(anonymous, "Bearer not.a.jwt"), "Bearer error=\"invalid_token\"");
        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void aTokenWithANonNumericSub_answers401() throws Exception {
        String token = tokens.sign(tokens.claims("kim", List.of()).build());
        assertUnauthenticated(charge(anonymous, TestTokens.bearer(token)), "Bearer error=\"invalid_token\"");
    }

    @Test
    void rolesAsAStringRatherThanAnArray_answers401() throws Exception {
        String token = tokens.sign(tokens.claims("7", List.of()).claim("roles", "ADMIN").build());
        assertUnauthenticated(charge(anonymous, TestTokens.bearer(token)), "Bearer error=\"invalid_token\"");
        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void aTokenOverTheLengthLimit_answers401BeforeAnyDecoding() throws Exception {
        String huge = "Bearer " + "a".repeat(BoundedBearerTokenResolver.MAX_TOKEN_CHARS);
        assertUnauthenticated(charge(anonymous, huge), "Bearer error=\"invalid_token\"");
    }

    @Test
    void noToken_winsOverATooLargeOrWrongTypedBody() throws Exception {
        anonymous.perform(post(CHARGE).contentType(MediaType.TEXT_PLAIN).content("x".repeat(70_000)))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    @Test
    void aUsersToken_handsTheUseCaseThatUserAsActor() throws Exception {
        charge(anonymous, TestTokens.bearer(tokens.user(7))).andExpect(status().isOk());
        assertThat(useCases.lastActor()).isEqualTo(Actor.user(7));
    }

    @Test
    void anAdminsToken_handsTheUseCaseAnAdmin() throws Exception {
        charge(anonymous, TestTokens.bearer(tokens.admin())).andExpect(status().isOk());
        assertThat(useCases.lastActor()).isEqualTo(Actor.admin(TestTokens.ADMIN_SUB));
    }

    @Test
    void theCatalogue_isPublic() throws Exception {
        anonymous.perform(get("/api/v1/items")).andExpect(status().isOk());
        anonymous.perform(get("/api/v1/items/3")).andExpect(status().isOk());
        anonymous.perform(post("/api/v1/items").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"pen\",\"price\":1,\"stock\":1}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aForbiddenUseCase_answers403Problem() throws Exception {
        useCases.failNextCallWith(new DomainException(ErrorCode.FORBIDDEN, "You may act only for user 8"));

        charge(anonymous, TestTokens.bearer(tokens.user(8)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("FORBIDDEN"))
                .andExpect(jsonPath("$.title").value("Forbidden"));
    }
}
