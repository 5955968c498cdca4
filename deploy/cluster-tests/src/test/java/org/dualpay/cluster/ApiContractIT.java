package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/**
 * The API contract lives in the repository: each service's OpenAPI document is checked in as
 * {@code <service>/src/main/openapi/openapi.json}, and the document each running service serves at
 * {@code /v3/api-docs} (to anyone, no credential) must be that one. A change of a controller, a view
 * record or a problem answer that is not also a change of the checked-in contract fails here, with the
 * differing lines; {@code deploy/local/api-contract.sh update} writes the files anew from a running
 * cluster. Both are compared normalised (keys sorted, pretty printed), and the documents name one fixed
 * server ({@code /}), so they are the same on the local cluster and through compose.
 */
class ApiContractIT {

    /** The repository's root, from the module's folder (deploy/cluster-tests), where failsafe runs. */
    static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();

    private final Cluster cluster = new Cluster();

    @Test
    void should_serve_the_api_contract_checked_in_for_each_service() throws IOException {
        List<String> drifts = new ArrayList<>();
        for (Map.Entry<String, String> service : services().entrySet()) {
            Path file = contract(service.getKey());
            assertThat(file).as("the checked-in contract of " + service.getKey()
                    + " (deploy/local/api-contract.sh update writes it)").isRegularFile();
            String checkedIn = Files.readString(file);
            String expected = normalised(Cluster.JSON.readTree(checkedIn));
            assertThat(checkedIn).as(file + " is in the normal form api-contract.sh writes").isEqualTo(expected);
            String actual = normalised(apiDocs(service.getValue()));
            if (!expected.equals(actual)) {
                drifts.add(service.getKey() + ": " + ROOT.relativize(file) + " (-) differs from " + service.getValue()
                        + "/v3/api-docs (+):\n" + diff(expected, actual));
            }
        }
        assertThat(drifts).as("""
                The API has drifted from its checked-in contract. If the change is meant, regenerate the \
                contract from a running cluster with deploy/local/api-contract.sh update, review and commit it""")
                .isEmpty();
    }

    /** The three services of the public API, by module name. */
    Map<String, String> services() {
        Map<String, String> services = new LinkedHashMap<>();
        services.put("order-service", cluster.orderUrl);
        services.put("payment-service", cluster.paymentUrl);
        services.put("inventory-service", cluster.inventoryUrl);
        return services;
    }

    static Path contract(String service) {
        return ROOT.resolve(service).resolve("src/main/openapi/openapi.json");
    }

    /** The document as anyone gets it: no credential. */
    JsonNode apiDocs(String serviceUrl) {
        Cluster.Answer answer = cluster.exchange(HttpRequest.newBuilder(URI.create(serviceUrl + "/v3/api-docs"))
                .timeout(Duration.ofSeconds(30)).GET().build());
        assertThat(answer.status()).as("GET " + serviceUrl + "/v3/api-docs, no credential: " + answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        return answer.json();
    }

    /**
     * Keys sorted at every level, arrays in their order, two-space indentation: the form
     * {@code api-contract.sh} writes the files in (Python's {@code json.dump(indent=2, sort_keys=True)}), so
     * that the line numbers of a diff are those of the checked-in file.
     */
    static String normalised(JsonNode document) throws IOException {
        StringBuilder out = new StringBuilder();
        write(document, "", out);
        return out.append('\n').toString();
    }

    private static void write(JsonNode node, String indent, StringBuilder out) throws IOException {
        String inner = indent + "  ";
        if (node.isObject() && node.size() > 0) {
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), field.getValue());
            }
            out.append("{\n");
            int n = 0;
            for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
                out.append(inner).append(Cluster.JSON.writeValueAsString(field.getKey())).append(": ");
                write(field.getValue(), inner, out);
                out.append(++n < fields.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (node.isArray() && node.size() > 0) {
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                out.append(inner);
                write(node.get(i), inner, out);
                out.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (node.isObject()) {
            out.append("{}");
        } else if (node.isArray()) {
            out.append("[]");
        } else {
            out.append(Cluster.JSON.writeValueAsString(node));
        }
    }

    /**
     * The lines that differ, as one hunk per run of changes: {@code -} the checked-in line, {@code +} the
     * served one, with three lines of context (a line-by-line LCS; the documents are a few thousand lines).
     */
    static String diff(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        List<Boolean> changed = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add(String.format("%5d   %s", i + 1, a[i]));
                changed.add(false);
                i++;
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                lines.add(String.format("%5s + %s", "", b[j++]));
                changed.add(true);
            } else {
                lines.add(String.format("%5d - %s", i + 1, a[i++]));
                changed.add(true);
            }
        }
        StringBuilder out = new StringBuilder();
        int shown = 0;
        int last = -1;
        for (int k = 0; k < lines.size() && shown < 200; k++) {
            boolean near = false;
            for (int d = Math.max(0, k - 3); d <= Math.min(lines.size() - 1, k + 3) && !near; d++) {
                near = changed.get(d);
            }
            if (near) {
                if (last >= 0 && k > last + 1) {
                    out.append("  ...\n");
                }
                out.append(lines.get(k)).append('\n');
                last = k;
                shown++;
            }
        }
        return shown >= 200 ? out.append("  ... (more differences)\n").toString() : out.toString();
    }
}
