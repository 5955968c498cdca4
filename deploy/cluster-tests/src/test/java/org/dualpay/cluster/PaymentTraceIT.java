package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/**
 * One payment is one trace (README, "Traces"): the shopper's pay on the channel, the channel's notify,
 * payment-service's handling of it and its global transaction, and the branches in order- and
 * inventory-service, found in Zipkin by the XID the order's timeline shows; the trace id stands beside
 * that XID on the log lines of the story.
 */
class PaymentTraceIT {

    private static final String SKU = "SKU-MOUSE";
    private static final List<String> STORY = List.of("channel-sandbox", "payment-service", "order-service",
            "inventory-service");

    private final Cluster cluster = new Cluster();

    @Test
    void should_find_one_payment_as_one_trace_by_its_xid_across_sandbox_and_three_services() {
        // given
        cluster.setStock(SKU, 100);
        JsonNode order = cluster.createOrder("trace-u1", SKU, 1);
        String orderNo = order.path("orderNo").asText();
        String outTradeNo = cluster.startPayment(orderNo, "WECHAT").path("outTradeNo").asText();

        // when
        cluster.shopperPays("WECHAT", outTradeNo);

        // then: the XID of the payment, as the order's timeline shows it
        cluster.awaitPaid(orderNo, SKU, 99);
        JsonNode timeline = cluster.order(orderNo).path("timeline");
        JsonNode paid = timeline.get(timeline.size() - 1);
        assertThat(paid.path("to").asText()).isEqualTo("PAID");
        String xid = paid.path("xid").asText();
        assertThat(xid).as("the XID on the PAID row of the timeline").isNotBlank();

        // the trace with that XID holds the whole story (each service reports its spans as they end, batched
        // each second: the story is complete once the last one has arrived)
        AtomicReference<JsonNode> found = new AtomicReference<>();
        Cluster.eventually("one trace tagged xid=" + xid + " with the whole story", Duration.ofSeconds(30), () -> {
            JsonNode traces = cluster.tracesTagged("xid", xid);
            assertThat(traces.size()).as("traces tagged xid=" + xid + ", by the services in each: "
                    + servicesByTrace(traces)).isEqualTo(1);
            JsonNode trace = traces.get(0);
            assertThat(services(trace)).as("services with spans in the trace " + describe(trace)).containsAll(STORY);
            assertThat(spansTagged(trace, "xid", xid)).as("services whose spans carry xid=" + xid + ", in the trace "
                    + describe(trace)).containsAll(STORY.subList(1, 4));
            assertThat(spansTagged(trace, "order.no", orderNo)).as("services whose spans carry order.no=" + orderNo
                    + ", in the trace " + describe(trace)).containsAll(STORY.subList(1, 4));
            found.set(trace);
        });
        JsonNode trace = found.get();
        String traceId = trace.get(0).path("traceId").asText();
        assertThat(trace).as("the global transaction's own span in payment-service").anySatisfy(span -> {
            assertThat(span.path("name").asText()).isEqualTo("confirm-payment");
            assertThat(span.path("tags").path("xid").asText()).isEqualTo(xid);
        });
        assertThat(cluster.tracesTagged("order.no", orderNo)).as("the trace found by the order number too")
                .anySatisfy(other -> assertThat(other.get(0).path("traceId").asText()).isEqualTo(traceId));

        // the trace id beside the XID on the log lines of the story
        String beside = "[xid=" + xid + " trace=" + traceId + "]";
        cluster.awaitPaymentLogLine(beside, "PAYING -> PAID");
        cluster.awaitLogLine(List.of("order-service"), beside, "order " + orderNo + " PENDING_PAYMENT -> PAID");
        cluster.awaitLogLine(List.of("inventory-service"), beside, "stock of order " + orderNo + " deducted");
    }

    private static Set<String> services(JsonNode trace) {
        Set<String> services = new TreeSet<>();
        trace.forEach(span -> services.add(span.path("localEndpoint").path("serviceName").asText()));
        return services;
    }

    private static List<Set<String>> servicesByTrace(JsonNode traces) {
        List<Set<String>> all = new ArrayList<>();
        traces.forEach(trace -> all.add(services(trace)));
        return all;
    }

    /** Each span as service, name and tags, for a failure's message. */
    private static String describe(JsonNode trace) {
        StringBuilder out = new StringBuilder();
        trace.forEach(span -> out.append("\n  ").append(span.path("localEndpoint").path("serviceName").asText())
                .append(' ').append(span.path("kind").asText()).append(" '").append(span.path("name").asText())
                .append("' ").append(span.path("tags")));
        return out.toString();
    }

    private static Set<String> spansTagged(JsonNode trace, String key, String value) {
        Set<String> services = new TreeSet<>();
        trace.forEach(span -> {
            if (value.equals(span.path("tags").path(key).asText())) {
                services.add(span.path("localEndpoint").path("serviceName").asText());
            }
        });
        return services;
    }
}
