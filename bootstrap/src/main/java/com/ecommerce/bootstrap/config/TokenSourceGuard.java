package com.ecommerce.bootstrap.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Refuses to start when no one could verify a token, or when it is ambiguous who does: with a database profile
 * ({@code mysql}, {@code mariadb}) the service needs {@code ecommerce.security.jwt.secret} or an identity provider
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code jwk-set-uri} or {@code public-key-location}),
 * because a random key made at start would differ between instances and vanish with a restart; and a secret and an
 * identity provider at once are refused rather than one silently winning. Only the embedded default may run without
 * either ({@link JwtDecoderConfiguration} then makes a key and logs demo tokens). Checked before any bean exists,
 * like {@link LockProfileGuard}, so the message comes before a database connection is tried.
 */
public class TokenSourceGuard implements EnvironmentPostProcessor, Ordered {

    static final String SECRET = "ecommerce.security.jwt.secret";
    static final List<String> IDENTITY_PROVIDER = List.of("spring.security.oauth2.resourceserver.jwt.issuer-uri",
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
            "spring.security.oauth2.resourceserver.jwt.public-key-location");
    static final Set<String> DATABASE_PROFILES = Set.of("mysql", "mariadb");
    static final String ISSUER = "ecommerce.security.jwt.issuer";
    static final String AUDIENCE = "ecommerce.security.jwt.audience";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> sources = configuredSources(environment);
        if (sources.contains(SECRET) && sources.size() > 1) {
            throw new IllegalStateException("Both " + SECRET + " and an identity provider (" + sources.subList(1,
                    sources.size()) + ") are set; tokens must come from one source: set only one of them.");
        }
        if (!sources.isEmpty() && !sources.contains(SECRET)) {
            // an identity provider signs tokens for many services: this one takes only those meant for it
            boolean issuer = isSet(environment, ISSUER) || isSet(environment, IDENTITY_PROVIDER.getFirst());
            if (!issuer || !isSet(environment, AUDIENCE)) {
                throw new IllegalStateException("Tokens of an identity provider (" + sources + ") need the issuer and "
                        + "the audience this service accepts: set " + AUDIENCE + " (a value of the tokens' aud) and "
                        + ISSUER + " (or " + IDENTITY_PROVIDER.getFirst() + "); a provider's tokens for other "
                        + "services must not open this one.");
            }
        }
        if (sources.isEmpty() && !EmbeddedDatabase.in(environment)) {
            List<String> databases = Arrays.stream(environment.getActiveProfiles())
                    .filter(DATABASE_PROFILES::contains).toList();
            // never the URL itself in the message: it may carry a password
            String database = databases.isEmpty() ? "A database other than the embedded one ("
                    + EmbeddedDatabase.URL + ")" : "Profile " + databases;
            throw new IllegalStateException(database + " needs a source of bearer tokens: set " + SECRET
                    + " (an HMAC key of at least 32 bytes, for HS256 tokens) or one of " + IDENTITY_PROVIDER
                    + " (an identity provider). Only the embedded default makes a random key by itself.");
        }
    }

    /** The token sources that are set, the secret first. */
    static List<String> configuredSources(Environment environment) {
        return Stream.concat(Stream.of(SECRET), IDENTITY_PROVIDER.stream())
                .filter(name -> isSet(environment, name)).toList();
    }

    private static boolean isSet(Environment environment, String name) {
        String value = environment.getProperty(name);
        return value != null && !value.isBlank();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
