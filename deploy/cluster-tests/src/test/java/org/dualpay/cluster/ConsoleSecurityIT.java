package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Only the operator uses the console (-Pconsole): an anonymous caller is sent to the login form for
 * every page and cannot arm a fault point, with or without a CSRF token; a wrong password or the
 * services' HTTP Basic credential opens nothing; the operator, logged in, arms and disarms one. And
 * the console, like the services, refuses to start with its secret missing or published.
 */
class ConsoleSecurityIT {

    private static final String POINT = "inventory.deduct.after-update";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final Cluster cluster = new Cluster();
    private final String console = cluster.consoleUrl();

    @Test
    void should_send_an_anonymous_caller_to_the_login_form_and_arm_nothing() {
        HttpClient anonymous = client();
        String inventory = URI.create(cluster.inventoryUrl).getAuthority();
        Map<String, String> arm = Map.of("service", "inventory-service", "address", inventory, "point", POINT,
                "mode", "EXCEPTION");

        // every page sends an anonymous browser to the login form
        for (String page : List.of("/", "/orders", "/orders/ORD1", "/reconciliation", "/faults")) {
            HttpResponse<String> answer = send(anonymous, get(page));
            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElse("")).as(page).endsWith("/login");
        }
        // the services' credential (HTTP Basic) opens nothing here
        HttpResponse<String> basic = send(anonymous, get("/faults").header("Authorization", cluster.operator()));
        assertThat(basic.statusCode()).isEqualTo(302);

        // arming without a session and token is refused; with an anonymous session's token, sent to log in
        assertThat(send(anonymous, post("/faults/arm", arm)).statusCode()).isEqualTo(403);
        String token = csrf(send(anonymous, get("/login")).body());
        Map<String, String> withToken = new LinkedHashMap<>(arm);
        withToken.put("_csrf", token);
        HttpResponse<String> armed = send(anonymous, post("/faults/arm", withToken));
        assertThat(armed.statusCode()).isEqualTo(302);
        assertThat(armed.headers().firstValue("Location").orElse("")).endsWith("/login");

        // a wrong password is refused and opens nothing
        HttpResponse<String> wrong = send(anonymous, post("/login",
                Map.of("username", "operator", "password", "not-the-password", "_csrf", token)));
        assertThat(wrong.headers().firstValue("Location").orElse("")).endsWith("/login?error");
        assertThat(send(anonymous, get("/faults")).statusCode()).isEqualTo(302);

        // and nothing was armed
        assertThat(cluster.faults(cluster.inventoryUrl).path("armed").has(POINT)).as("armed points").isFalse();
    }

    @Test
    void should_let_the_logged_in_operator_arm_and_disarm_a_fault_point() {
        HttpClient operator = client();
        String inventory = URI.create(cluster.inventoryUrl).getAuthority();
        String token = csrf(send(operator, get("/login")).body());
        HttpResponse<String> login = send(operator, post("/login",
                Map.of("username", "operator", "password", cluster.operatorPassword, "_csrf", token)));
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/orders");

        String page = send(operator, get("/faults")).body();
        assertThat(page).contains("inventory-service " + inventory).contains(POINT);
        HttpResponse<String> arm = send(operator, post("/faults/arm", Map.of("service", "inventory-service",
                "address", inventory, "point", POINT, "mode", "DELAY", "delayMs", "1", "_csrf", csrf(page))));
        assertThat(arm.statusCode()).isEqualTo(302);
        assertThat(cluster.faults(cluster.inventoryUrl).path("armed").has(POINT)).as("armed through the console")
                .isTrue();
        assertThat(send(operator, get("/faults")).body()).contains("Armed " + POINT);

        // an address Nacos does not list for the service is not called
        send(operator, post("/faults/arm", Map.of("service", "inventory-service", "address", "127.0.0.1:1",
                "point", POINT, "mode", "EXCEPTION", "_csrf", csrf(page))));
        assertThat(send(operator, get("/faults")).body()).contains("Not armed: no such instance");

        HttpResponse<String> disarm = send(operator, post("/faults/disarm", Map.of("service", "inventory-service",
                "address", inventory, "_csrf", csrf(page))));
        assertThat(disarm.statusCode()).isEqualTo(302);
        assertThat(cluster.faults(cluster.inventoryUrl).path("armed").has(POINT)).as("disarmed").isFalse();
    }

    @Test
    void should_refuse_to_start_the_console_with_its_secret_missing_or_published() throws Exception {
        Path jar = Path.of("..", "console", "target", "console.jar");
        assertThat(jar).as("the console's jar, built by the reactor").exists();
        for (Map<String, String> secrets : List.of(Map.<String, String>of(),
                Map.of("OPERATOR_PASSWORD", "demo-operator-password-published"))) {
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx96m", "-jar", jar.toString()).redirectErrorStream(true);
            builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.endsWith("_KEY")
                    || name.endsWith("_PASSWORD") || name.endsWith("_SECRET"));
            builder.environment().putAll(secrets);
            builder.environment().put("SERVER_PORT", "0");
            builder.environment().put("NACOS_ADDR", "127.0.0.1:1");
            Path output = Files.createTempFile("console-secrets", ".log");
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the console gave up starting").isTrue();
            String log = Files.readString(output);
            assertThat(process.exitValue()).as(log).isNotZero();
            assertThat(log).contains("Refusing to start").contains("dualpay.security.operator-password")
                    .contains(secrets.isEmpty() ? "is not set" : "has a published value");
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(console + path)).timeout(Duration.ofSeconds(30)).GET();
    }

    private HttpRequest.Builder post(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(console + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF token on the page").isTrue();
        return m.group(1);
    }
}
