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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.dualpay.common.security.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The user's own way in: the whole system from {@code deploy/docker-compose.yml}, brought up by
 * Testcontainers' compose support (Compose v2, waiting on every health check) with two payment-service
 * replicas, and called through the edge as a shopper would. Logs are read through Testcontainers.
 *
 * <p>Needs a Docker engine and the images {@code deploy/docker/images.sh} picks (official or local
 * stand-ins) and the jars the reactor built; {@code deploy/local/test.sh} provides them. Host ports are
 * moved (2xxxx) so that the stack runs beside a local cluster. Without an engine it fails at once.
 */
class ComposeStackIT {

    private static final Path DEPLOY = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, String> PORTS = Map.of("ORDER_HOST_PORT", "28081", "PAYMENT_HOST_PORT", "28082",
            "INVENTORY_HOST_PORT", "28083", "SANDBOX_HOST_PORT", "28090", "MYSQL_HOST_PORT", "23306",
            "NACOS_HOST_PORT", "28848", "NACOS_GRPC_HOST_PORT", "29848", "SEATA_HOST_PORT", "28091",
            "SEATA_CONSOLE_HOST_PORT", "27091");
    private static final String EDGE = "http://127.0.0.1:";
    private static final List<String> SERVICES = List.of("mysql", "nacos", "seata-server", "channel-sandbox",
            "inventory-service", "order-service", "payment-service", "edge");

    private static ComposeContainer stack;
    private static Map<String, String> secrets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void up() throws IOException {
        assertThat(DockerClientFactory.instance().isDockerAvailable())
                .as("a Docker engine: deploy/docker/engine.sh installs and starts one").isTrue();
        Map<String, String> env = new HashMap<>(PORTS);
        env.putAll(envFile(DEPLOY.resolve(".images.env"), "the images: run deploy/docker/images.sh"));
        secrets = envFile(DEPLOY.resolve(".env"), "the stack's secrets: run deploy/docker/secrets.sh");
        env.putAll(secrets);
        env.put("COMPOSE_PROFILES", "");
        stack = new ComposeContainer(DEPLOY.resolve("docker-compose.yml").toFile())
                .withLocalCompose(true)
                .withBuild(true)
                .withEnv(env)
                // every service named: with a scaled one alone, Testcontainers' `up` would start it and its dependencies only
                .withServices(SERVICES.toArray(String[]::new))
                .withScaledService("payment-service", 2)
                .withStartupTimeout(Duration.ofMinutes(6));
        for (String service : SERVICES) {
            stack.waitingFor(service, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(6)));
        }
        long started = System.nanoTime();
        stack.start();
        System.out.printf("compose stack healthy through Testcontainers after %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void down() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void should_pay_an_order_through_the_edge_with_two_payment_replicas_and_one_global_transaction() throws Exception {
        // two payment-service replicas, both registered in Nacos
        Cluster.eventually("two payment-service instances healthy in Nacos", () -> {
            JsonNode hosts = json(get(EDGE + PORTS.get("NACOS_HOST_PORT")
                    + "/nacos/v1/ns/instance/list?serviceName=payment-service&healthyOnly=true", null).body())
                    .path("hosts");
            assertThat(hosts.size()).as(hosts.toString()).isEqualTo(2);
        });
        assertThat(container("payment-service", 2)).as("the second replica's container").isNotNull();

        // a shopper's order, paid on the WeChat sandbox, all through the edge
        String user = "compose-" + UUID.randomUUID();
        String shopper = "Bearer " + Tokens.sign(secrets.get("SHOPPER_KEY"), Tokens.SHOPPER_ISSUER, user, Instant.now(),
                Duration.ofHours(1));
        HttpResponse<String> created = post(EDGE + PORTS.get("ORDER_HOST_PORT") + "/api/orders",
                "{\"userId\":\"" + user + "\",\"items\":[{\"skuCode\":\"SKU-KEYBOARD\",\"quantity\":1}]}",
                Map.of("Authorization", shopper, "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String orderNo = json(created.body()).path("orderNo").asText();
        HttpResponse<String> started = post(EDGE + PORTS.get("PAYMENT_HOST_PORT") + "/api/payments",
                "{\"orderNo\":\"" + orderNo + "\",\"channel\":\"WECHAT\"}", Map.of("Authorization", shopper));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String outTradeNo = json(started.body()).path("outTradeNo").asText();
        HttpResponse<String> paid = post(EDGE + PORTS.get("SANDBOX_HOST_PORT") + "/sandbox/wechat/trades/" + outTradeNo
                + "/pay", "", Map.of());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);

        String[] xid = new String[1];
        Cluster.eventually("order " + orderNo + " PAID with the XID on its timeline", Duration.ofSeconds(60), () -> {
            JsonNode order = json(get(EDGE + PORTS.get("ORDER_HOST_PORT") + "/api/orders/" + orderNo, shopper).body());
            assertThat(order.path("status").asText()).isEqualTo("PAID");
            xid[0] = order.path("timeline").get(1).path("xid").asText();
            assertThat(xid[0]).isNotBlank();
        });

        // one global transaction: its XID on a line of each service, read through Testcontainers
        Cluster.eventually("the XID " + xid[0] + " in the logs of payment, order and inventory", () -> {
            assertThat(logs("payment-service", 1) + logs("payment-service", 2))
                    .contains("global transaction " + xid[0] + " committed: PAID WECHAT");
            assertThat(lines(logs("order-service", 1), "order " + orderNo + " PENDING_PAYMENT -> PAID")).contains(xid[0]);
            assertThat(lines(logs("inventory-service", 1), "stock of order " + orderNo + " deducted")).contains(xid[0]);
        });
    }

    @Test
    void should_never_forward_internal_calls_nor_actuator_paths_but_health_at_the_edge() throws Exception {
        String operator = "Basic " + java.util.Base64.getEncoder()
                .encodeToString(("operator:" + secrets.get("OPERATOR_PASSWORD")).getBytes(StandardCharsets.UTF_8));
        String service = "Bearer " + Tokens.sign(secrets.get("SERVICE_KEY"), Tokens.SERVICE_ISSUER, "payment-service",
                Instant.now(), Duration.ofMinutes(1));
        for (String credential : List.of("", operator, service)) {
            for (String path : List.of(PORTS.get("ORDER_HOST_PORT") + "/internal/orders/ORD-X/payment-success",
                    PORTS.get("ORDER_HOST_PORT") + "/INTERNAL/orders/ORD-X/moves",
                    PORTS.get("PAYMENT_HOST_PORT") + "/internal/payments/ORD-X/user-refund",
                    PORTS.get("INVENTORY_HOST_PORT") + "/internal/stock/deductions",
                    PORTS.get("PAYMENT_HOST_PORT") + "/actuator/faults/payment.confirm.before-commit",
                    PORTS.get("ORDER_HOST_PORT") + "/actuator/env",
                    PORTS.get("PAYMENT_HOST_PORT") + "/actuator/prometheus",
                    PORTS.get("ORDER_HOST_PORT") + "/actuator;x/health/../faults")) {
                HttpResponse<String> answer = post(EDGE + path, "{}",
                        credential.isEmpty() ? Map.of() : Map.of("Authorization", credential));
                assertThat(answer.statusCode()).as("POST " + path + " -> " + answer.body()).isEqualTo(404);
                assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            }
        }
        for (String port : List.of("ORDER_HOST_PORT", "PAYMENT_HOST_PORT", "INVENTORY_HOST_PORT")) {
            assertThat(get(EDGE + PORTS.get(port) + "/actuator/health", null).statusCode()).isEqualTo(200);
        }
    }

    // ---- the stack ----

    /** The container of a service's replica, as Compose v2 names it. */
    private static ContainerState container(String service, int replica) {
        return stack.getContainerByServiceName(service + "-" + replica)
                .or(() -> stack.getContainerByServiceName(service + "_" + replica))
                .orElse(null);
    }

    private static String logs(String service, int replica) {
        ContainerState container = container(service, replica);
        return container == null ? "" : container.getLogs();
    }

    private static String lines(String log, String containing) {
        return log.lines().filter(line -> line.contains(containing)).collect(Collectors.joining("\n"));
    }

    private static Map<String, String> envFile(Path file, String what) throws IOException {
        assertThat(file).as(what).exists();
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return values;
    }

    // ---- HTTP as a client of the edge ----

    private HttpResponse<String> get(String url, String credential) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (credential != null) {
            request.header("Authorization", credential);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) throws IOException {
        return Cluster.JSON.readTree(body);
    }
}
