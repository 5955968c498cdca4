package org.dualpay.seata;

import java.net.InetSocketAddress;

import io.seata.common.XID;
import io.seata.discovery.registry.MultiRegistryFactory;
import io.seata.discovery.registry.RegistryService;
import io.seata.server.ServerApplication;

/**
 * Starts the Seata TC with this project's settings ({@code dualpay-tc.yml} on top of the TC's own
 * {@code application.yml}) and, when {@code SEATA_ADVERTISE_IP} is set, registers the TC under that
 * address.
 *
 * <p>Why the second part: the 2.0.0 server never registers a loopback address. It accepts {@code -h}
 * only when {@code NetUtil.isValidIp(host, false)} holds, which is false for 127.0.0.1, and its
 * fallback picks the first non-loopback interface. On the local cluster everything talks over
 * 127.0.0.1, so after start-up the registration (and the address inside new XIDs) is moved to the
 * advertised address, on which the TC listens as well.
 */
public final class TcLauncher {

    private TcLauncher() {
    }

    /** The TC's secrets and their former published defaults (its config file has no defaults any more). */
    private static final java.util.Map<String, java.util.Set<String>> SECRETS = java.util.Map.of(
            "MYSQL_PASSWORD", java.util.Set.of("dualpay"),
            "SEATA_CONSOLE_PASSWORD", java.util.Set.of("seata"),
            "SEATA_SECRET_KEY", java.util.Set.of("dualpay-demo-console-secret-change-me-0123456789abcdef",
                    "SeataSecretKey0c382ef121d778043159209298fd40bf3850a017"));

    public static void main(String[] args) throws Exception {
        refusePublishedSecrets();
        if (System.getProperty("spring.config.name") == null) {
            System.setProperty("spring.config.name", "application,dualpay-tc");
        }
        ServerApplication.main(args);

        String advertised = System.getenv("SEATA_ADVERTISE_IP");
        if (advertised == null || advertised.isBlank() || advertised.equals(XID.getIpAddress())) {
            return;
        }
        InetSocketAddress detected = new InetSocketAddress(XID.getIpAddress(), XID.getPort());
        InetSocketAddress wanted = new InetSocketAddress(advertised, XID.getPort());
        XID.setIpAddress(advertised);
        for (RegistryService<?> registry : MultiRegistryFactory.getInstances()) {
            registry.register(wanted);
            registry.unregister(detected);
        }
        System.out.println("dualpay: TC registered as " + advertised + ":" + wanted.getPort() + " instead of "
                + detected.getHostString() + ":" + detected.getPort());
    }

    /**
     * No published secret works outside the demo: without {@code SEATA_DEMO=true} the TC refuses to
     * start when its database password, console password or console token key is missing, shorter
     * than 16 characters or a published value (the services do the same, see common's SecretsGuard).
     */
    static void refusePublishedSecrets() {
        if ("true".equals(System.getenv("SEATA_DEMO"))) {
            return;
        }
        StringBuilder problems = new StringBuilder();
        SECRETS.forEach((name, published) -> {
            String value = System.getenv(name);
            if (value == null || value.length() < 16 || published.contains(value)) {
                problems.append(problems.length() == 0 ? "" : "; ").append(name)
                        .append(value == null ? " is not set" : " is published or shorter than 16 characters");
            }
        });
        if (problems.length() > 0) {
            System.err.println("dualpay: refusing to start the TC: " + problems + ". Generate the cluster's secrets "
                    + "(deploy/local/cluster.sh up, or deploy/docker/secrets.sh) or set SEATA_DEMO=true for the demo.");
            System.exit(2);
        }
    }
}
