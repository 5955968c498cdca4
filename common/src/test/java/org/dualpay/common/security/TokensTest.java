package org.dualpay.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.Test;

class TokensTest {

    private static final String KEY = "a-service-key-of-at-least-32-characters";

    @Test
    void should_sign_a_token_naming_issuer_subject_audience_and_expiry() throws Exception {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");

        SignedJWT jwt = SignedJWT.parse(Tokens.sign(KEY, Tokens.SERVICE_ISSUER, "payment-service", now, Duration.ofMinutes(1)));

        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("dualpay-services");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("payment-service");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("dualpay");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(now.plusSeconds(60));
    }

    @Test
    void should_reuse_a_service_token_for_half_its_life_then_sign_a_new_one() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
        Tokens.ServiceTokens tokens = new Tokens.ServiceTokens(KEY, "order-service", Duration.ofSeconds(60), clock);

        String first = tokens.current();
        clock.now = clock.now.plusSeconds(29);
        assertThat(tokens.current()).isSameAs(first);
        clock.now = clock.now.plusSeconds(2);
        assertThat(tokens.current()).isNotEqualTo(first);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

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
    }
}
