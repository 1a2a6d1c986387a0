package com.ecommerce.adapter.in.web.security;

import com.ecommerce.domain.user.Actor;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Hands a controller the {@link Actor} of the verified token: {@code sub} as its id (checked to be one by
 * {@link JwtClaimRules}) and whether the token's roles hold {@code ADMIN}. The application sees this plain value,
 * never a Spring Security type.
 */
final class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    static final String ADMIN_AUTHORITY = "ROLE_" + SecurityConfiguration.ADMIN_ROLE;

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                 NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return actorOf(SecurityContextHolder.getContext().getAuthentication());
    }

    static Actor actorOf(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            // a route that takes an Actor but was left open in the filter chain: a wiring mistake, not a client's
            throw new IllegalStateException("No verified token for a route that needs an actor: "
                    + "the security filter chain must require authentication for it");
        }
        boolean admin = token.getAuthorities().stream().anyMatch(a -> ADMIN_AUTHORITY.equals(a.getAuthority()));
        return new Actor(Long.parseLong(token.getToken().getSubject()), admin);
    }
}
