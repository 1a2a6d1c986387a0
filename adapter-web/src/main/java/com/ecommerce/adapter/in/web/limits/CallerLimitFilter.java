package com.ecommerce.adapter.in.web.limits;

import com.ecommerce.adapter.in.web.problem.RateLimitedProblem;
import com.ecommerce.adapter.in.web.security.SecurityConfiguration;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * Limits each caller of {@code /api/v1} on this instance ({@link CallerLimits}): a caller past its requests in flight
 * or its rate gets {@code 429 RATE_LIMITED} with {@code Retry-After}, and nothing runs. Runs right after Spring
 * Security's filter chain, so the caller is known and a {@code 401} has already been answered (the contract's order:
 * {@code 401}, then {@code 429}, then everything else). The caller is the token's subject; without a token (the
 * public catalogue reads) it is the client's address, as the container reports it (behind a proxy, set
 * {@code server.forward-headers-strategy} so that it is the client's, not the proxy's). {@code ADMIN} tokens, the
 * back office's, are not limited.
 */
public class CallerLimitFilter extends OncePerRequestFilter {

    private static final String ADMIN_AUTHORITY = "ROLE_" + SecurityConfiguration.ADMIN_ROLE;

    private final CallerLimits limits;
    private final JsonMapper jsonMapper;

    public CallerLimitFilter(CallerLimits limits, JsonMapper jsonMapper) {
        this.limits = limits;
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean authenticated = caller != null && caller.isAuthenticated()
                && !(caller instanceof AnonymousAuthenticationToken);
        if (authenticated && caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(ADMIN_AUTHORITY::equals)) {
            chain.doFilter(request, response);
            return;
        }
        String key = authenticated ? "sub:" + caller.getName() : "address:" + request.getRemoteAddr();
        CallerLimits.Admission admission = limits.admit(key);
        if (!admission.admitted()) {
            RateLimitedProblem.write(jsonMapper, request, response, admission.retryAfterSeconds());
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            limits.release(key);
        }
    }
}
