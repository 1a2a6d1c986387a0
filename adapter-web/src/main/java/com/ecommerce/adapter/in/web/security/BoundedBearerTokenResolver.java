package com.ecommerce.adapter.in.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring's resolver (the {@code Authorization} header only; never a query or form parameter, which would land in
 * logs), behind a length check: a token longer than any real one is refused before it is decoded, so a huge header
 * costs no Base64 or JSON parsing.
 */
final class BoundedBearerTokenResolver implements BearerTokenResolver {

    static final int MAX_TOKEN_CHARS = 8 * 1024;

    private final DefaultBearerTokenResolver delegate = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.length() > MAX_TOKEN_CHARS) {
            throw new InvalidBearerTokenException("The bearer token is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        return delegate.resolve(request);
    }
}
