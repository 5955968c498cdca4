package org.dualpay.common.security;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.dualpay.common.error.ProblemCode;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** The cluster's trust boundaries in every service that brings Spring Security (see {@link ClusterSecurity}). */
@AutoConfiguration(beforeName = "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration")
@ConditionalOnClass({JwtDecoder.class, org.springframework.security.config.annotation.web.builders.HttpSecurity.class})
@ConditionalOnWebApplication
@EnableConfigurationProperties(SecurityProperties.class)
public class ClusterSecurityAutoConfiguration {

    @Bean
    ClusterSecurity clusterSecurity(SecurityProperties properties, ObjectMapper json) {
        return new ClusterSecurity(properties, json);
    }

    /**
     * The operator. The password is a generated, high-entropy secret, so a cheap BCrypt cost is
     * enough (the work factor protects guessable passwords).
     */
    @Bean
    UserDetailsService operators(SecurityProperties properties, PasswordEncoder encoder) {
        if (properties.operatorPassword() == null || properties.operatorPassword().isBlank()) {
            throw new IllegalStateException("dualpay.security.operator-password is not set");
        }
        return new InMemoryUserDetailsManager(User.withUsername("operator")
                .password(encoder.encode(properties.operatorPassword())).roles("OPERATOR").build());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(4);
    }

    /** A request the firewall refuses ({@code ;}, {@code %2F}, {@code //}, ...) is a 400 problem. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ClusterSecurity security) {
        return (request, response, e) -> security.write(response, ProblemCode.REQUEST_REJECTED,
                "The request was rejected: " + e.getMessage());
    }

    /** Every Feign call is a call inside the cluster: it carries this service's token. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "feign.RequestInterceptor")
    static class ServiceCalls {

        @Bean
        Tokens.ServiceTokens serviceTokens(SecurityProperties properties, Environment env, Clock clock) {
            return new Tokens.ServiceTokens(properties.serviceKey(), env.getProperty("spring.application.name", "service"),
                    properties.serviceTokenTtl(), clock);
        }

        @Bean
        feign.RequestInterceptor serviceTokenInterceptor(Tokens.ServiceTokens tokens) {
            return template -> template.header("Authorization", "Bearer " + tokens.current());
        }
    }
}
