package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Frame;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The whole system from {@code deploy/docker-compose.yml}, brought up once per test run by
 * Testcontainers' compose support (Compose v2, waiting on every container's health check), with two
 * payment-service replicas, the {@code chaos} and {@code compressed-time} profiles (as on the local
 * cluster), and taken down ({@code down -v}) when the run ends.
 *
 * <p>The scenarios reach each service replica as they reach each process of the local cluster:
 * Testcontainers exposes its port through its ambassador container ({@code withExposedService}), so
 * fault points, {@code /internal/**} and a given replica are addressable, while the edge (the stack's
 * public way in) keeps refusing them. MySQL, Nacos and Zipkin (the traces) are reached on their
 * published host ports (2xxxx by default, so that a local cluster can run beside). Logs are read from
 * the engine.
 *
 * <p>Needs what {@code deploy/local/test.sh} provides before: an engine ({@code deploy/docker/engine.sh}),
 * the images ({@code deploy/docker/images.sh}: {@code deploy/.images.env}, whose {@code SOCAT_IMAGE} must
 * also be given to Testcontainers as {@code TESTCONTAINERS_SOCAT_CONTAINER_IMAGE} where the official
 * one cannot be pulled), the stack's secrets ({@code deploy/docker/secrets.sh}: {@code deploy/.env}) and
 * the jars the reactor built. With Ryuk off, Testcontainers removes the project's containers when the
 * JVM ends, and this class runs {@code down -v} too (volumes, network).
 */
final class ComposeStack implements Deployment {

    static final Path DEPLOY = Path.of("..").toAbsolutePath().normalize();
    /** Every service, as compose names them; payment-service runs two replicas. */
    static final List<String> SERVICES = List.of("mysql", "nacos", "seata-server", "channel-sandbox",
            "inventory-service", "order-service", "payment-service", "edge", "prometheus", "zipkin");
    private static final int PAYMENT_REPLICAS = 2;
    /** The host ports the stack publishes (edge, MySQL, Nacos, TC, console, Prometheus, Zipkin), beside a local cluster's. */
    private static final Map<String, String> HOST_PORTS = Map.ofEntries(Map.entry("ORDER_HOST_PORT", "28081"),
            Map.entry("PAYMENT_HOST_PORT", "28082"), Map.entry("INVENTORY_HOST_PORT", "28083"),
            Map.entry("SANDBOX_HOST_PORT", "28090"), Map.entry("MYSQL_HOST_PORT", "23306"),
            Map.entry("NACOS_HOST_PORT", "28848"), Map.entry("NACOS_GRPC_HOST_PORT", "29848"),
            Map.entry("SEATA_HOST_PORT", "28091"), Map.entry("SEATA_CONSOLE_HOST_PORT", "27091"),
            Map.entry("CONSOLE_HOST_PORT", "28085"), Map.entry("PROMETHEUS_HOST_PORT", "29095"),
            Map.entry("ZIPKIN_HOST_PORT", "29411"));
    /** The services the scenarios call, with the port each listens on inside the network. */
    private static final Map<String, Integer> SERVICE_PORTS = Map.of("order-service", 8081, "payment-service", 8082,
            "inventory-service", 8083, "channel-sandbox", 8090);
    /** A bound for a hung start: on 2 loaded cores the first start took up to 5 min here. */
    private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(10);

    private static ComposeStack shared;

    private final ComposeContainer stack;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final DockerClient docker = DockerClientFactory.instance().client();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The stack of this test run, brought up on first use and taken down when the JVM ends. */
    static synchronized ComposeStack shared() {
        if (shared == null) {
            shared = new ComposeStack();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.stack::stop, "compose-down"));
            shared.start();
        }
        return shared;
    }

    private ComposeStack() {
        Map<String, String> env = new HashMap<>();
        HOST_PORTS.forEach((name, port) -> env.put(name, System.getenv().getOrDefault(name, port)));
        env.putAll(envFile(DEPLOY.resolve(".images.env"), "the images: run deploy/docker/images.sh"));
        Map<String, String> secrets = envFile(DEPLOY.resolve(".env"), "the stack's secrets: run deploy/docker/secrets.sh");
        env.putAll(secrets);
        env.put("COMPOSE_PROFILES", "");
        env.put("DUALPAY_PROFILES", "chaos,compressed-time");
        // each replica hands the channel its own address (its container's short id, resolved by the
        // service from HOSTNAME), as each local instance does: a scenario steers a notify to a replica
        env.put("PAYMENT_NOTIFY_BASE_URL", "http://${HOSTNAME}:8082");
        stack = new ComposeContainer("dualpay-tc-", DEPLOY.resolve("docker-compose.yml").toFile())
                .withLocalCompose(true)
                .withBuild(true)
                .withEnv(env)
                // every service named: with a scaled one alone, `up` would start it and its dependencies only
                .withServices(SERVICES.toArray(String[]::new))
                .withScaledService("payment-service", PAYMENT_REPLICAS)
                .withStartupTimeout(HEALTHY_WITHIN);
        for (String service : SERVICES) {
            stack.waitingFor(service, Wait.forHealthcheck().withStartupTimeout(HEALTHY_WITHIN));
        }
        stack.waitingFor("payment-service-2", Wait.forHealthcheck().withStartupTimeout(HEALTHY_WITHIN));
        SERVICE_PORTS.forEach((service, port) -> stack.withExposedService(service, 1, port));
        stack.withExposedService("payment-service", 2, SERVICE_PORTS.get("payment-service"));

        settings.put("MYSQL_URL", "jdbc:mysql://127.0.0.1:" + env.get("MYSQL_HOST_PORT"));
        settings.put("MYSQL_USER", "dualpay");
        settings.put("NACOS_URL", "http://127.0.0.1:" + env.get("NACOS_HOST_PORT"));
        settings.put("PROMETHEUS_URL", "http://127.0.0.1:" + env.get("PROMETHEUS_HOST_PORT"));
        settings.put("ZIPKIN_URL", "http://127.0.0.1:" + env.get("ZIPKIN_HOST_PORT"));
        for (String name : List.of("MYSQL_PASSWORD", "WECHAT_PLATFORM_PRIVATE_KEY", "WECHAT_APIV3_KEY",
                "ALIPAY_PLATFORM_PRIVATE_KEY", "SERVICE_KEY", "SHOPPER_KEY", "OPERATOR_PASSWORD")) {
            settings.put(name, secrets.get(name));
        }
        // the edge: the stack's public way in, on its well-known (here moved) host ports
        settings.put("EDGE_ORDER_URL", "http://127.0.0.1:" + env.get("ORDER_HOST_PORT"));
        settings.put("EDGE_PAYMENT_URL", "http://127.0.0.1:" + env.get("PAYMENT_HOST_PORT"));
        settings.put("EDGE_INVENTORY_URL", "http://127.0.0.1:" + env.get("INVENTORY_HOST_PORT"));
        settings.put("EDGE_SANDBOX_URL", "http://127.0.0.1:" + env.get("SANDBOX_HOST_PORT"));
    }

    private void start() {
        long started = System.nanoTime();
        stack.start();
        settings.put("ORDER_URL", serviceUrl("order-service", 1));
        settings.put("PAYMENT_URL", serviceUrl("payment-service", 1));
        settings.put("PAYMENT2_URL", serviceUrl("payment-service", 2));
        settings.put("INVENTORY_URL", serviceUrl("inventory-service", 1));
        settings.put("SANDBOX_URL", serviceUrl("channel-sandbox", 1));
        awaitRegistered();
        System.out.printf("compose stack healthy through Testcontainers after %.0f s (payment-service x%d)%n",
                (System.nanoTime() - started) / 1e9, PAYMENT_REPLICAS);
    }

    private String serviceUrl(String service, int replica) {
        String instance = service + "-" + replica;
        int port = SERVICE_PORTS.get(service);
        return "http://" + stack.getServiceHost(instance, port) + ":" + stack.getServicePort(instance, port);
    }

    @Override
    public String setting(String name) {
        return settings.get(name);
    }

    // ---- logs, from the engine ----

    @Override
    public Object logMark(String component) {
        return Instant.now();
    }

    /**
     * The lines the component's container logged at or after the mark, whichever run of the container
     * logged them (a replica that halted and was restarted keeps one log).
     */
    @Override
    public String logSince(String component, Object mark) {
        String id = containerIdOf(component);
        if (id == null) {
            return "";
        }
        Instant since = (Instant) mark;
        StringBuilder raw = new StringBuilder();
        try {
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTimestamps(true)
                    .withSince((int) since.getEpochSecond())
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            raw.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        StringBuilder out = new StringBuilder();
        raw.toString().lines().forEach(line -> {
            int space = line.indexOf(' ');
            try {
                if (space > 0 && !Instant.parse(line.substring(0, space)).isBefore(since)) {
                    out.append(line, space + 1, line.length()).append('\n');
                }
            } catch (DateTimeParseException e) {
                out.append(line).append('\n');
            }
        });
        return out.toString();
    }

    /** The container of a component: a compose service instance, or Testcontainers' ambassador. */
    private String containerIdOf(String component) {
        if (component.equals("ambassador")) {
            return docker.listContainersCmd().withLabelFilter(Map.of("org.testcontainers", "true"))
                    .withNameFilter(List.of("testcontainers-socat-")).exec().stream().findFirst()
                    .map(com.github.dockerjava.api.model.Container::getId).orElse(null);
        }
        ContainerState container = container(instanceOf(component));
        return container == null ? null : container.getContainerId();
    }

    /** The compose service instance of a component named as on the local cluster. */
    private static String instanceOf(String component) {
        return switch (component) {
            case "seata" -> "seata-server-1";
            case "payment-service-2" -> "payment-service-2";
            default -> component + "-1";
        };
    }

    private ContainerState container(String instance) {
        return stack.getContainerByServiceName(instance).orElse(null);
    }

    /** Every container of the stack, by compose instance name. */
    private Map<String, String> containerIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String service : SERVICES) {
            int replicas = service.equals("payment-service") ? PAYMENT_REPLICAS : 1;
            for (int replica = 1; replica <= replicas; replica++) {
                ContainerState container = container(service + "-" + replica);
                if (container == null) {
                    throw new AssertionError("the compose stack has no container " + service + "-" + replica);
                }
                ids.put(service + "-" + replica, container.getContainerId());
            }
        }
        return ids;
    }

    /** The addresses of the service's containers on the stack's network (a replica registers its own). */
    @Override
    public java.util.Set<String> registrableIps(String service) {
        java.util.Set<String> ips = new java.util.TreeSet<>();
        containerIds().forEach((instance, id) -> {
            if (instance.startsWith(service + "-")) {
                docker.inspectContainerCmd(id).exec().getNetworkSettings().getNetworks().values()
                        .forEach(network -> ips.add(network.getIpAddress()));
            }
        });
        return ips;
    }

    // ---- bringing back what a scenario stopped ----

    /**
     * Thaws a paused container, starts one that exited (a replica that halted may also be restarted
     * by its restart policy), and waits until every container is healthy and every service
     * registered in Nacos.
     */
    @Override
    public void ensureAllRunning() {
        Map<String, String> ids = containerIds();
        ids.forEach((instance, id) -> {
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
            if (Boolean.TRUE.equals(state.getPaused())) {
                System.out.println("compose: thawing " + instance);
                docker.unpauseContainerCmd(id).exec();
            } else if (!Boolean.TRUE.equals(state.getRunning()) && !Boolean.TRUE.equals(state.getRestarting())) {
                System.out.println("compose: starting " + instance + " (" + state.getStatus() + ")");
                docker.startContainerCmd(id).exec();
            }
        });
        Cluster.eventually("every container of the compose stack running and healthy", HEALTHY_WITHIN, () -> {
            List<String> unhealthy = new ArrayList<>();
            ids.forEach((instance, id) -> {
                InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
                String health = state.getHealth() == null ? "none" : state.getHealth().getStatus();
                if (!Boolean.TRUE.equals(state.getRunning()) || Boolean.TRUE.equals(state.getPaused())
                        || !"healthy".equals(health)) {
                    unhealthy.add(instance + " " + state.getStatus() + "/" + health);
                }
            });
            assertThat(unhealthy).as("containers not running and healthy").isEmpty();
        });
        awaitRegistered();
    }

    /** Waits until Nacos lists every replica of each service as healthy. */
    private void awaitRegistered() {
        Map<String, Integer> expected = Map.of("order-service", 1, "inventory-service", 1, "payment-service",
                PAYMENT_REPLICAS);
        Cluster.eventually("every service replica registered in Nacos", HEALTHY_WITHIN, () -> {
            for (Map.Entry<String, Integer> service : expected.entrySet()) {
                assertThat(registered(service.getKey())).as("healthy instances of " + service.getKey() + " in Nacos")
                        .isEqualTo(service.getValue());
            }
        });
    }

    private int registered(String service) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(settings.get("NACOS_URL")
                + "/nacos/v1/ns/instance/list?serviceName=" + service + "&healthyOnly=true"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 ? Cluster.JSON.readTree(answer.body()).path("hosts").size() : -1;
    }

    private static Map<String, String> envFile(Path file, String what) {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: " + what);
        }
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return values;
    }
}
