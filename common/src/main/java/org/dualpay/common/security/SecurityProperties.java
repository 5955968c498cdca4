package org.dualpay.common.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cluster's credentials ({@code dualpay.security.*}), generated per cluster: {@code
 * deploy/local/cluster.sh up} and compose write them into a git-ignored env file. Only the
 * {@code demo} profile brings published values, and a service without it refuses to start with a
 * missing or published secret ({@link SecretsGuard}).
 *
 * @param serviceKey HMAC key (HS256) of the short-lived tokens the services prove themselves with on
 *     {@code /internal/**}
 * @param shopperKey HMAC key (HS256) of the demo shoppers' tokens (issuer {@link Tokens#SHOPPER_ISSUER})
 * @param shopperJwkSetUri where a real identity provider publishes its keys; when set, shopper tokens
 *     are verified against it (RS256) instead of {@code shopperKey}
 * @param shopperIssuer the issuer shopper tokens must name
 * @param operatorPassword the password of the {@code operator} user (HTTP Basic)
 * @param serviceTokenTtl how long a service token lives
 * @param secrets the properties that hold secrets in this service, checked by {@link SecretsGuard}
 */
@ConfigurationProperties("dualpay.security")
public record SecurityProperties(String serviceKey, String shopperKey, String shopperJwkSetUri,
        @DefaultValue(Tokens.SHOPPER_ISSUER) String shopperIssuer, String operatorPassword,
        @DefaultValue("60s") Duration serviceTokenTtl, @DefaultValue List<String> secrets) {
}
