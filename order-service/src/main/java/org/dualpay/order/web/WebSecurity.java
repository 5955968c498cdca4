package org.dualpay.order.web;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import org.dualpay.common.security.ClusterSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what in order-service; anything not listed is refused. Shoppers act on their own
 * orders only (checked on the order: another's answers 404); services and operators may read any, and
 * the operator alone lists every shopper's latest orders ({@code /api/admin/**}, the console).
 * The API's documentation (the OpenAPI document without /internal/**, Swagger UI, the problem
 * pages) is anyone's to read.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

    @Bean
    SecurityFilterChain orderServiceSecurity(HttpSecurity http, ClusterSecurity cluster) throws Exception {
        return cluster.apply(http).authorizeHttpRequests(rules -> rules
                .requestMatchers(GET, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .requestMatchers("/error").permitAll()
                .requestMatchers(GET, ClusterSecurity.DOCUMENTATION).permitAll()
                .requestMatchers("/actuator/**", "/api/admin/**").hasRole("OPERATOR")
                .requestMatchers("/internal/**").hasRole("SERVICE")
                .requestMatchers(POST, "/api/orders", "/api/orders/*/cancel", "/api/orders/*/refund").hasRole("SHOPPER")
                .requestMatchers(GET, "/api/orders", "/api/orders/*").hasAnyRole("SHOPPER", "SERVICE", "OPERATOR")
                .anyRequest().denyAll())
                .build();
    }
}
