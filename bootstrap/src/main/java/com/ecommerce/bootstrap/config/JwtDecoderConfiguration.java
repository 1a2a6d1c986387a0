package com.ecommerce.bootstrap.config;

import com.ecommerce.adapter.in.web.security.CachingJwtDecoder;
import com.ecommerce.adapter.in.web.security.HmacJwtDecoder;
import com.ecommerce.adapter.in.web.security.JwtProperties;
import com.ecommerce.adapter.in.web.security.SecurityConfiguration;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Which decoder verifies the bearer tokens (see {@link TokenSourceGuard} for the combinations refused at start):
 * <ul>
 *   <li>{@code ecommerce.security.jwt.secret}: HS256 with that key;</li>
 *   <li>{@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code jwk-set-uri} or
 *   {@code public-key-location}: Spring Boot's decoder for the identity provider, to which Boot adds the
 *   service's claim rules (every {@code OAuth2TokenValidator<Jwt>} bean);</li>
 *   <li>neither, on the embedded default only: a random key made at start, and demo tokens in the log.</li>
 * </ul>
 * Whichever it is, verified tokens are remembered ({@link CachingJwtDecoder}) and the time per token, remembered or
 * not, is recorded as {@value #DECODE_TIMER}: the benchmark reads it to report what authentication costs per request.
 */
@Configuration(proxyBeanMethods = false)
public class JwtDecoderConfiguration {

    public static final String DECODE_TIMER = "ecommerce.security.jwt.decode";
    static final Duration DEMO_TOKEN_LIFETIME = Duration.ofHours(24);
    static final List<Long> DEMO_USERS = List.of(1L, 2L, 3L);
    static final long DEMO_ADMIN_SUB = 0;
    /** How many verified tokens are remembered (a few MB), and for how long at most. */
    static final long VERIFIED_TOKENS = 10_000;
    static final Duration VERIFIED_TOKEN_MAX_AGE = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(JwtDecoderConfiguration.class);

    @Bean
    @Conditional(SecretSet.class)
    JwtDecoder hmacJwtDecoder(JwtProperties properties, OAuth2TokenValidator<Jwt> jwtClaimRules) {
        return HmacJwtDecoder.create(properties.secret(), jwtClaimRules);
    }

    @Bean
    @Conditional(NoTokenSource.class)
    JwtDecoder demoJwtDecoder(OAuth2TokenValidator<Jwt> jwtClaimRules, JwtProperties properties) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        logDemoTokens(key, properties.issuer(), min(DEMO_TOKEN_LIFETIME, properties.maxLifetime()));
        return HmacJwtDecoder.create(key, jwtClaimRules);
    }

    @Bean
    static BeanPostProcessor timedJwtDecoder(ObjectProvider<MeterRegistry> registry) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                // the timer outside the cache: it measures what verifying costs per request, remembered or not
                return bean instanceof JwtDecoder decoder ? new TimedJwtDecoder(new CachingJwtDecoder(decoder,
                        VERIFIED_TOKENS, VERIFIED_TOKEN_MAX_AGE, Clock.systemUTC()), registry) : bean;
            }
        };
    }

    /** Times every decode; the registry is looked up on first use, as a BeanPostProcessor is made before it. */
    static final class TimedJwtDecoder implements JwtDecoder {
        private final JwtDecoder decoder;
        private final ObjectProvider<MeterRegistry> registry;
        private volatile Timer timer;

        TimedJwtDecoder(JwtDecoder decoder, ObjectProvider<MeterRegistry> registry) {
            this.decoder = decoder;
            this.registry = registry;
        }

        @Override
        public Jwt decode(String token) {
            Timer t = timer;
            if (t == null) {
                t = Timer.builder(DECODE_TIMER).description("Verifying one bearer token: its signature and claims")
                        .register(registry.getObject());
                timer = t;
            }
            return t.record(() -> decoder.decode(token));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void logDemoTokens(String key, String issuer, Duration lifetime) {
        Instant now = Instant.now();
        Instant expiry = now.plus(lifetime);
        StringBuilder message = new StringBuilder("No token source is configured (ecommerce.security.jwt.secret or "
                + "spring.security.oauth2.resourceserver.jwt.*), so this embedded instance made a random key. Demo "
                + "tokens, valid until " + expiry + ", to send as 'Authorization: Bearer <token>':");
        message.append("\n  admin  : ").append(sign(key, DEMO_ADMIN_SUB, List.of(SecurityConfiguration.ADMIN_ROLE),
                now, expiry, issuer));
        for (long user : DEMO_USERS) {
            message.append("\n  user ").append(user).append(" : ").append(sign(key, user, List.of(), now, expiry,
                    issuer));
        }
        log.info("{}", message);
    }

    private static String sign(String key, long sub, List<String> roles, Instant now, Instant expiry, String issuer) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(String.valueOf(sub))
                .claim(SecurityConfiguration.ROLES_CLAIM, roles).issueTime(Date.from(now))
                .expirationTime(Date.from(expiry));
        if (issuer != null) {
            claims.issuer(issuer);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a demo token", e);
        }
    }

    /** A secret that is not blank (an empty environment variable is no key). */
    static final class SecretSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TokenSourceGuard.configuredSources(context.getEnvironment()).contains(TokenSourceGuard.SECRET);
        }
    }

    /** No secret and no identity provider: {@link TokenSourceGuard} has already refused this with a database. */
    static final class NoTokenSource implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TokenSourceGuard.configuredSources(context.getEnvironment()).isEmpty();
        }
    }
}
