package org.dualpay.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Only the operator uses the console: a login form (user {@code operator}, the cluster's operator
 * password), a session, CSRF tokens on every form. Anything but the login page, its stylesheet,
 * health and the error page sends an anonymous browser to the login form; a changing request without
 * its session's CSRF token is refused (403).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    @Bean
    SecurityFilterChain operatorOnly(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(rules -> rules
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/login", "/console.css", "/error").permitAll()
                        .anyRequest().hasRole("OPERATOR"))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/orders", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .build();
    }

    /** A generated, high-entropy secret: a cheap BCrypt cost is enough. */
    @Bean
    UserDetailsService operator(ConsoleProperties properties) {
        if (properties.operatorPassword() == null || properties.operatorPassword().isBlank()) {
            throw new IllegalStateException("dualpay.console.operator-password is not set");
        }
        PasswordEncoder encoder = passwordEncoder();
        return new InMemoryUserDetailsManager(User.withUsername("operator")
                .password(encoder.encode(properties.operatorPassword())).roles("OPERATOR").build());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(4);
    }
}
