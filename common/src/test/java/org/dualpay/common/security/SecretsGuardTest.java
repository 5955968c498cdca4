package org.dualpay.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class SecretsGuardTest {

    private static final List<String> SECRETS = List.of("dualpay.security.service-key", "spring.datasource.password");

    @Test
    void should_name_every_secret_that_is_missing_short_or_published() {
        Map<String, String> values = Map.of("dualpay.security.service-key", "short",
                "spring.datasource.password", "dualpay");

        assertThat(SecretsGuard.problems(SECRETS, values::get, SecretsGuard.published())).containsExactly(
                "dualpay.security.service-key is shorter than 16 characters",
                "spring.datasource.password has a published value");
        assertThat(SecretsGuard.problems(SECRETS, name -> null, SecretsGuard.published()))
                .containsExactly("dualpay.security.service-key is not set", "spring.datasource.password is not set");
    }

    @Test
    void should_know_every_value_of_the_demo_profile_as_published() {
        assertThat(SecretsGuard.published()).contains("demo-service-key-published-in-the-repository-0001",
                "demo-operator-password-published", "wechat-sandbox-secret", "chaos-demo-token", "dualpay");
    }

    @Test
    void should_refuse_published_values_outside_the_demo_profile_and_accept_them_in_it() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("dualpay.security.service-key", "demo-service-key-published-in-the-repository-0001")
                .withProperty("spring.datasource.password", "a-generated-password-0123456789");

        assertThatThrownBy(() -> SecretsGuard.check(env, SECRETS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dualpay.security.service-key has a published value");
        env.setActiveProfiles("demo");
        SecretsGuard.check(env, SECRETS);
    }

    @Test
    void should_accept_generated_secrets() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("dualpay.security.service-key", "k3J9sX0aQ2mPz7Vb4nL8cT1rY6wE5uH0")
                .withProperty("spring.datasource.password", "a-generated-password-0123456789");

        SecretsGuard.check(env, SECRETS);
    }
}
