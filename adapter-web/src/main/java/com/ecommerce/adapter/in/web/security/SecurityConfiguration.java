package com.ecommerce.adapter.in.web.security;

import com.ecommerce.adapter.in.web.problem.SecurityProblems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;

/**
 * The transport's half of "who may call what": it authenticates (a bearer JWT, verified by whichever
 * {@code JwtDecoder} bootstrap wires) and opens only the public routes without a token. It does not decide whether a
 * user may act for another: that is a business rule, asked by the use cases of the {@code Actor} this adapter hands
 * them, after the request has been validated (the contract puts 400 before 403). Only the actuator, which has no use
 * cases, is guarded here by role: {@code ADMIN} for all of it, {@code METRICS} for the Prometheus scrape alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JwtProperties.class)
public class SecurityConfiguration implements WebMvcConfigurer {

    public static final String ADMIN_ROLE = "ADMIN";
    /**
     * The scraper's role: {@code GET /actuator/prometheus} and nothing else (no other actuator endpoint, no user's
     * data), so that the token a monitoring system keeps is worth little to whoever takes it.
     */
    public static final String METRICS_ROLE = "METRICS";
    public static final String ROLES_CLAIM = "roles";

    /** The routes anyone may call: the catalogue's reads, health, info and the API's own description. */
    static final String[] PUBLIC_GETS = {"/api/v1/items", "/api/v1/items/*", "/actuator/health",
            "/actuator/health/**", "/actuator/info", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
            "/swagger-ui/**"};

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, JsonMapper jsonMapper) {
        SecurityProblems problems = new SecurityProblems(jsonMapper);
        // no cookies and no sessions: a bearer token is never sent by a browser on its own, so there is no CSRF
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, PUBLIC_GETS).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole(ADMIN_ROLE, METRICS_ROLE)
                        .requestMatchers("/actuator/**").hasRole(ADMIN_ROLE)
                        // the container's error dispatch renders problems for requests already let through
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(actorTokens()))
                        // Spring Security 7 serves RFC 9728 metadata at /.well-known/oauth-protected-resource; say
                        // what is true here: tokens come in the header and are not bound to client certificates
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(m -> m
                                .resourceName("order-service").tlsClientCertificateBoundAccessTokens(false)))
                        .bearerTokenResolver(new BoundedBearerTokenResolver())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        return http.build();
    }

    /**
     * The service's claim rules, as a bean: Spring Boot adds every {@code OAuth2TokenValidator<Jwt>} bean to the
     * decoder it builds for an identity provider, and bootstrap adds this one to the HMAC decoder.
     */
    /**
     * No Spring Security observations: with an observation registry present, Spring Security wraps every filter of
     * every request in an observation of its own (the filter chain decorator), which costs a request its CPU even
     * when the observations are filtered out afterwards ({@code management.observations.enable.spring.security}
     * only turns them into no-ops). Authentication is measured by the service's own decode timer, and each request
     * by Spring MVC's server observation.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    OAuth2TokenValidator<Jwt> jwtClaimRules(JwtProperties properties) {
        return JwtClaimRules.of(properties, Clock.systemUTC());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ActorArgumentResolver());
    }

    /** {@code roles: ["ADMIN"]} becomes the authority {@code ROLE_ADMIN}; the name is {@code sub}. */
    private static JwtAuthenticationConverter actorTokens() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }
}
