package org.dualpay.cluster;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every scenario gets, registered for all of them (META-INF/services, autodetection on):
 *
 * <ul>
 *   <li><b>the cluster as it found it.</b> Before a scenario the stock of every SKU and the sandbox's
 *       fault knobs are noted; after it, whatever it did, fault points are disarmed on every service,
 *       the knobs and the stock put back, and any instance it killed, stopped or froze brought back
 *       and awaited healthy and registered in Nacos. So the order of scenarios does not matter.
 *   <li><b>what is needed to understand a failure.</b> When a scenario fails, the last lines each
 *       component logged since it began and the rows of every order it created, across the three
 *       databases, are printed (and so kept in the failsafe report) and written to
 *       {@code target/cluster-diagnostics/}.
 * </ul>
 */
public class ClusterScenario implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ClusterScenario.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        Cluster cluster = clusterOf(context);
        if (cluster == null) {
            return;
        }
        Map<String, Integer> stock = new LinkedHashMap<>();
        cluster.get(cluster.inventoryUrl + "/api/skus").json()
                .forEach(sku -> stock.put(sku.path("skuCode").asText(), sku.path("stock").asInt()));
        context.getStore(NS).put("stock", stock);
        context.getStore(NS).put("knobs", cluster.get(cluster.sandboxUrl + "/sandbox/faults").json());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Cluster cluster = clusterOf(context);
        if (cluster == null || context.getExecutionException().isEmpty()) {
            return;
        }
        StringBuilder report = new StringBuilder("==== diagnostics of " + context.getDisplayName() + " ("
                + context.getRequiredTestClass().getSimpleName() + "): "
                + context.getExecutionException().get() + "\n");
        try {
            cluster.touchedOrders.forEach(orderNo -> report.append(cluster.rowsOf(orderNo)));
            report.append(cluster.logTails(60));
        } catch (RuntimeException | AssertionError e) {
            report.append("(diagnostics incomplete: ").append(e).append(")\n");
        }
        System.out.println(report);
        try {
            Path dir = Path.of("target", "cluster-diagnostics");
            Files.createDirectories(dir);
            String name = (context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName())
                    .replaceAll("[^A-Za-z0-9._-]", "_");
            Files.writeString(dir.resolve(name + ".txt"), report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("(diagnostics not written: " + e + ")");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Cluster cluster = clusterOf(context);
        if (cluster == null) {
            return;
        }
        cluster.ensureAllRunning();
        for (String url : new String[] {cluster.orderUrl, cluster.paymentUrl, cluster.payment2Url, cluster.inventoryUrl}) {
            if (!url.isBlank()) {
                cluster.disarmFaults(url);
            }
        }
        JsonNode knobs = context.getStore(NS).get("knobs", JsonNode.class);
        if (knobs != null) {
            Cluster.Answer answer = cluster.put(cluster.sandboxUrl + "/sandbox/faults", knobs);
            if (answer.status() != 200) {
                throw new AssertionError("sandbox knobs not restored: " + answer.status() + " " + answer.body());
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Integer> stock = context.getStore(NS).get("stock", Map.class);
        if (stock != null) {
            cluster.get(cluster.inventoryUrl + "/api/skus").json().forEach(sku -> {
                Integer before = stock.get(sku.path("skuCode").asText());
                if (before != null && before != sku.path("stock").asInt()) {
                    cluster.setStock(sku.path("skuCode").asText(), before);
                }
            });
        }
    }

    /** The scenario's {@link Cluster} field, or null for a test that has none. */
    private static Cluster clusterOf(ExtensionContext context) {
        Object test = context.getTestInstance().orElse(null);
        if (test == null) {
            return null;
        }
        for (Class<?> type = test.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == Cluster.class) {
                    try {
                        field.setAccessible(true);
                        return (Cluster) field.get(test);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return null;
    }
}
