package com.ecommerce.adapter.in.web.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;

/** The {@code 429 RATE_LIMITED} problem, written by the filter that limits callers, before any controller runs. */
public final class RateLimitedProblem {

    private RateLimitedProblem() {
    }

    public static void write(JsonMapper jsonMapper, HttpServletRequest request, HttpServletResponse response,
                             long retryAfterSeconds) throws IOException {
        ProblemDetail problem = ApiExceptionHandler.problem(TransportErrorCode.RATE_LIMITED);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), problem);
    }
}
