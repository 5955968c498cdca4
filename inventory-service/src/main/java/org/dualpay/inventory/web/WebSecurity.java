package org.dualpay.inventory.web;

import static org.springframework.http.HttpMethod.GET;

import org.dualpay.common.security.ClusterSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what in inventory-service; anything not listed is refused. The catalog is public;
 * stock moves only inside the payment's and the refund's global transactions (services), or by an
 * operator's hand.
 * The API's documentation (the OpenAPI document without /internal/**, Swagger UI, the problem
 * pages) is anyone's to read.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

    @Bean
    SecurityFilterChain inventoryServiceSecurity(HttpSecurity http, ClusterSecurity cluster) throws Exception {
        return cluster.apply(http).authorizeHttpRequests(rules -> rules
                .requestMatchers(GET, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .requestMatchers("/error").permitAll()
                .requestMatchers(GET, ClusterSecurity.DOCUMENTATION).permitAll()
                .requestMatchers(GET, "/api/skus", "/api/skus/*").permitAll()
                .requestMatchers("/actuator/**", "/api/admin/**").hasRole("OPERATOR")
                .requestMatchers("/internal/**").hasRole("SERVICE")
                .anyRequest().denyAll())
                .build();
    }
}
