package org.dualpay.cluster;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The reconciliation report of payment-service, read the way the money scenarios need it. */
final class MoneyReport {

    private MoneyReport() {
    }

    static JsonNode report(Cluster cluster) {
        Cluster.Answer answer = cluster.get(cluster.paymentUrl + "/api/admin/reconciliation");
        if (answer.status() != 200) {
            throw new AssertionError("reconciliation answered " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }

    /** The violations whose subject or detail names any of {@code names} (an order, attempt, refund). */
    static List<String> violationsAbout(Cluster cluster, String... names) {
        List<String> found = new ArrayList<>();
        for (JsonNode violation : report(cluster).path("violations")) {
            String text = violation.path("rule").asText() + " " + violation.path("subject").asText() + ": "
                    + violation.path("detail").asText();
            for (String name : names) {
                if (name != null && !name.isBlank() && text.contains(name)) {
                    found.add(text);
                    break;
                }
            }
        }
        return found;
    }
}
