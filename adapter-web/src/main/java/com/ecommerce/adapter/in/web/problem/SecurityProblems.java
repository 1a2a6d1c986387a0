package com.ecommerce.adapter.in.web.problem;

import com.ecommerce.domain.shared.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;

/**
 * The security filter chain's refusals in the same RFC 9457 shape and catalogue as every other error, instead of
 * Spring Security's empty bodies: {@code 401 UNAUTHENTICATED} with {@code WWW-Authenticate: Bearer} (RFC 6750, with
 * {@code error="invalid_token"} when a token came and was rejected) and {@code 403 FORBIDDEN}. The details are fixed
 * texts: why a token failed (a bad signature, an unknown key, a parse error) is not the caller's to learn.
 */
public final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String NO_TOKEN_DETAIL = "This request needs a bearer token: Authorization: Bearer <JWT>";
    static final String BAD_TOKEN_DETAIL = "The bearer token was rejected: it is malformed, badly signed, expired, "
            + "not yet valid, from another issuer or without a user id";
    static final String FORBIDDEN_DETAIL = "Your token does not grant this";

    private final JsonMapper jsonMapper;

    public SecurityProblems(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean tokenRejected = e instanceof OAuth2AuthenticationException;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenRejected ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(request, response, ApiExceptionHandler.problem(TransportErrorCode.UNAUTHENTICATED,
                tokenRejected ? BAD_TOKEN_DETAIL : NO_TOKEN_DETAIL));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, ApiExceptionHandler.problem(ErrorCode.FORBIDDEN, FORBIDDEN_DETAIL));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), problem);
    }
}
