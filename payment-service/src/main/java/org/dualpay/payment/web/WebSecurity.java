package org.dualpay.payment.web;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import org.dualpay.common.security.ClusterSecurity;
import org.dualpay.payment.notify.HandleNotify;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what in payment-service; anything not listed is refused. The channels' notifies carry
 * no credential of ours: each is verified by its channel's signature (HandleNotify). Shoppers see
 * and pay their own orders only (another's answers 404); customer support is the operator's.
 * The API's documentation (the OpenAPI document without /internal/**, Swagger UI, the problem
 * pages) is anyone's to read.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

    @Bean
    SecurityFilterChain paymentServiceSecurity(HttpSecurity http, ClusterSecurity cluster) throws Exception {
        return cluster.apply(http).authorizeHttpRequests(rules -> rules
                .requestMatchers(GET, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .requestMatchers("/error").permitAll()
                .requestMatchers(GET, ClusterSecurity.DOCUMENTATION).permitAll()
                .requestMatchers(POST, "/api/payments/notify/*").permitAll()
                .requestMatchers("/actuator/**", "/api/admin/**").hasRole("OPERATOR")
                .requestMatchers("/internal/**").hasRole("SERVICE")
                .requestMatchers(POST, "/api/payments").hasRole("SHOPPER")
                .requestMatchers(GET, "/api/cashier/*", "/api/payments/*", "/api/users/*/notifications")
                        .hasAnyRole("SHOPPER", "OPERATOR")
                .anyRequest().denyAll())
                .build();
    }
}
