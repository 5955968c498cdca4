package org.dualpay.common.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.ClassPathResource;

/**
 * No published secret works outside the demo. At start-up every property a service lists in
 * {@code dualpay.security.secrets} must be set, at least 16 characters long, and none of the values
 * that were ever published: those of {@code application-demo.yml} (the {@code demo} profile, in
 * common) and the old defaults. With the {@code demo} profile active the check is skipped.
 */
public final class SecretsGuard {

    static final String DEMO_PROFILE = "demo";
    static final int MINIMUM_LENGTH = 16;

    /** Values that were defaults in earlier versions of this repository. */
    private static final Set<String> FORMER_DEFAULTS = Set.of("dualpay", "dualpay-root", "chaos-demo-token",
            "wechat-sandbox-secret", "alipay-sandbox-secret", "seata",
            "dualpay-demo-console-secret-change-me-0123456789abcdef");

    private SecretsGuard() {
    }

    /** @throws IllegalStateException naming every secret that is missing, short or published */
    public static void check(Environment environment, List<String> secrets) {
        if (environment.acceptsProfiles(Profiles.of(DEMO_PROFILE))) {
            return;
        }
        List<String> problems = problems(secrets, environment::getProperty, published());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems)
                    + ". Generate the cluster's secrets (deploy/local/cluster.sh up writes .cluster/secrets.env; "
                    + "compose: deploy/docker/secrets.sh) or run the demo profile (SPRING_PROFILES_ACTIVE=demo), "
                    + "whose published values work nowhere else.");
        }
    }

    /** What is wrong with the secrets, one line each; pure, for the unit tests. */
    static List<String> problems(List<String> secrets, java.util.function.Function<String, String> lookup,
            Set<String> published) {
        List<String> problems = new ArrayList<>();
        for (String name : secrets) {
            String value = lookup.apply(name);
            if (value == null || value.isBlank()) {
                problems.add(name + " is not set");
            } else if (published.contains(value)) {
                problems.add(name + " has a published value");
            } else if (value.length() < MINIMUM_LENGTH) {
                problems.add(name + " is shorter than " + MINIMUM_LENGTH + " characters");
            }
        }
        return problems;
    }

    /** Every value of the demo profile, and the former defaults. */
    static Set<String> published() {
        Set<String> values = new HashSet<>(FORMER_DEFAULTS);
        ClassPathResource demo = new ClassPathResource("application-" + DEMO_PROFILE + ".yml");
        if (demo.exists()) {
            YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
            yaml.setResources(demo);
            Properties properties = yaml.getObject();
            if (properties != null) {
                properties.values().stream().map(String::valueOf).map(SecretsGuard::defaultOf).forEach(values::add);
            }
        }
        return values;
    }

    /** {@code ${NAME:default}} -> default; anything else as it is. */
    static String defaultOf(String value) {
        if (value.startsWith("${") && value.endsWith("}") && value.contains(":")) {
            return value.substring(value.indexOf(':') + 1, value.length() - 1);
        }
        return value;
    }
}
