package org.dualpay.common.security;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/** Runs {@link SecretsGuard} before anything starts: a service with a missing or published secret never comes up. */
public class SecretsCheck implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> secrets = Binder.get(environment).bind("dualpay.security.secrets", Bindable.listOf(String.class))
                .orElse(List.of());
        SecretsGuard.check(environment, secrets);
    }
}
