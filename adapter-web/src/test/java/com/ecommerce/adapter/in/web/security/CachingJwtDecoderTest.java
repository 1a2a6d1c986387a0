package com.ecommerce.adapter.in.web.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CachingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private final AtomicInteger calls = new AtomicInteger();
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    /** Verifies "good-*" tokens (valid for an hour from NOW) and refuses the rest, counting its calls. */
    private final JwtDecoder verifier = token -> {
        calls.incrementAndGet();
        if (!token.startsWith("good")) {
            throw new BadJwtException("refused");
        }
        return Jwt.withTokenValue(token).header("alg", "HS256").subject("7")
                .issuedAt(NOW).expiresAt(NOW.plus(Duration.ofHours(1))).build();
    };
    private final CachingJwtDecoder decoder = new CachingJwtDecoder(verifier, 100, Duration.ofMinutes(10), clock);

    @Test
    void aVerifiedToken_isVerifiedOnceAndThenRemembered() {
        Jwt first = decoder.decode("good-1");
        Jwt again = decoder.decode("good-1");

        assertThat(again).isSameAs(first);
        assertThat(calls).hasValue(1);
        decoder.decode("good-2");
        assertThat(calls).hasValue(2);
    }

    @Test
    void aRefusedToken_isNeverRemembered() {
        assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
        assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
        assertThat(calls).hasValue(2);
    }

    @Test
    void aRememberedToken_thatHasExpired_isVerifiedAgain() {
        decoder.decode("good-1");
        now = NOW.plus(Duration.ofHours(1)).plusSeconds(59);
        decoder.decode("good-1");
        assertThat(calls).as("still within the 60 s of skew").hasValue(1);

        now = NOW.plus(Duration.ofHours(1)).plusSeconds(61);
        decoder.decode("good-1"); // the verifier here ignores time; the real one would refuse it
        assertThat(calls).as("past the skew: verified afresh").hasValue(2);
    }
}
