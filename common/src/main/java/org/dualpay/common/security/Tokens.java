package org.dualpay.common.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The JWTs of the cluster, HS256: a service proves itself on {@code /internal/**} with a token it
 * signs with the cluster's service key (valid a minute); a demo shopper's token is signed with the
 * shopper key. Both name the caller in {@code sub} and are for the audience {@link #AUDIENCE}.
 */
public final class Tokens {

    public static final String SERVICE_ISSUER = "dualpay-services";
    public static final String SHOPPER_ISSUER = "dualpay-demo-shoppers";
    public static final String AUDIENCE = "dualpay";

    private Tokens() {
    }

    /** A signed token; {@code key} must have at least 32 bytes (HS256). */
    public static String sign(String key, String issuer, String subject, Instant issuedAt, Duration ttl) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(List.of(AUDIENCE))
                .issueTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plus(ttl)))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign with this key (HS256 needs at least 32 bytes)", e);
        }
        return jwt.serialize();
    }

    static SecretKeySpec hmacKey(String key) {
        return new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The service tokens this instance sends, signed again when less than half of the last one's life is left. */
    public static final class ServiceTokens {

        private final String key;
        private final String service;
        private final Duration ttl;
        private final Clock clock;
        private volatile String token;
        private volatile Instant renewAt = Instant.MIN;

        public ServiceTokens(String key, String service, Duration ttl, Clock clock) {
            this.key = key;
            this.service = service;
            this.ttl = ttl;
            this.clock = clock;
        }

        public String current() {
            Instant now = clock.instant();
            if (now.isAfter(renewAt)) {
                synchronized (this) {
                    if (now.isAfter(renewAt)) {
                        token = sign(key, SERVICE_ISSUER, service, now, ttl);
                        renewAt = now.plus(ttl.dividedBy(2));
                    }
                }
            }
            return token;
        }
    }
}
