package org.dualpay.common.security;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;
import org.dualpay.common.error.ProblemAdvice;
import org.dualpay.common.error.ProblemCode;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The three kinds of caller every service knows, and how each proves who it is:
 *
 * <ul>
 *   <li><b>services</b>: a bearer token signed with the cluster's service key (issuer
 *       {@value Tokens#SERVICE_ISSUER}, a minute long), added to every Feign call; role SERVICE;
 *   <li><b>shoppers</b>: a bearer token naming the user (issuer {@value Tokens#SHOPPER_ISSUER}, signed with
 *       the shopper key, or by an identity provider's keys); role SHOPPER;
 *   <li><b>operators</b>: HTTP Basic as {@code operator} with the cluster's operator password; role OPERATOR.
 * </ul>
 *
 * Each service's filter chain starts from {@link #apply} and then says, path by path, who may call
 * what, denying everything else. Spring Security matches the normalised path and its firewall
 * rejects {@code ;}, encoded slashes and {@code //} before any rule is read. Every refusal is an RFC
 * 9457 problem: 401 {@code UNAUTHENTICATED} or {@code INVALID_TOKEN}, 403 {@code FORBIDDEN}.
 */
public class ClusterSecurity {

    /**
     * What documents the public API, read-only for anyone: the OpenAPI document ({@code /internal/**} is
     * not in it), Swagger UI and the problem types' pages. Each service opens these to {@code GET} only.
     */
    public static final String[] DOCUMENTATION = {"/v3/api-docs", "/v3/api-docs/swagger-config", "/v3/api-docs.yaml",
            "/swagger-ui.html", "/swagger-ui/*", "/problems", "/problems/*"};

    private final AuthenticationManagerResolver<jakarta.servlet.http.HttpServletRequest> bearer;
    private final ObjectMapper json;

    public ClusterSecurity(SecurityProperties properties, ObjectMapper json) {
        this.json = json;
        AuthenticationManager services = manager(hmac(properties.serviceKey(), Tokens.SERVICE_ISSUER), Caller.SERVICE);
        AuthenticationManager shoppers = manager(shopperDecoder(properties), Caller.SHOPPER);
        Map<String, AuthenticationManager> byIssuer = Map.of(Tokens.SERVICE_ISSUER, services,
                properties.shopperIssuer(), shoppers);
        this.bearer = new JwtIssuerAuthenticationManagerResolver(byIssuer::get);
    }

    /** Authentication, stateless sessions and problem answers; the caller adds {@code authorizeHttpRequests}. */
    public HttpSecurity apply(HttpSecurity http) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint()))
                .oauth2ResourceServer(oauth -> oauth.authenticationManagerResolver(bearer)
                        .authenticationEntryPoint(entryPoint()).accessDeniedHandler(accessDenied()))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint()).accessDeniedHandler(accessDenied()));
    }

    private AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> {
            boolean badToken = e instanceof OAuth2AuthenticationException;
            response.setHeader("WWW-Authenticate", badToken ? "Bearer error=\"invalid_token\"" : "Bearer, Basic realm=\"dualpay\"");
            write(response, badToken ? ProblemCode.INVALID_TOKEN : ProblemCode.UNAUTHENTICATED,
                    badToken ? "The bearer token is not valid: " + reason(e)
                            : "This needs a credential: a shopper's or a service's bearer token, or the operator's.");
        };
    }

    private AccessDeniedHandler accessDenied() {
        return (request, response, e) -> write(response, ProblemCode.FORBIDDEN,
                "This credential does not allow " + request.getMethod() + " " + request.getRequestURI());
    }

    void write(HttpServletResponse response, ProblemCode code, String detail) throws IOException {
        response.setStatus(code.status().value());
        response.setContentType("application/problem+json");
        json.writeValue(response.getOutputStream(), ProblemAdvice.problem(code, detail));
    }

    private static String reason(AuthenticationException e) {
        return e instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null
                ? oauth.getError().getDescription() : e.getMessage();
    }

    private static AuthenticationManager manager(NimbusJwtDecoder decoder, String role) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> List.of(new SimpleGrantedAuthority(role)));
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(converter);
        return provider::authenticate;
    }

    private static NimbusJwtDecoder hmac(String key, String issuer) {
        if (key == null || key.length() < 32) {
            throw new IllegalStateException("the HS256 key for " + issuer + " tokens needs at least 32 characters");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(Tokens.hmacKey(key)).macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(validator(issuer));
        return decoder;
    }

    private static NimbusJwtDecoder shopperDecoder(SecurityProperties properties) {
        if (properties.shopperJwkSetUri() == null || properties.shopperJwkSetUri().isBlank()) {
            return hmac(properties.shopperKey(), properties.shopperIssuer());
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.shopperJwkSetUri()).build();
        decoder.setJwtValidator(validator(properties.shopperIssuer()));
        return decoder;
    }

    /** Signature aside: not expired (a minute of skew), from this issuer, for this audience. */
    private static OAuth2TokenValidator<Jwt> validator(String issuer) {
        OAuth2TokenValidator<Jwt> audience = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(Tokens.AUDIENCE)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "not for audience " + Tokens.AUDIENCE, null));
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer), audience);
    }
}
