package org.dualpay.common.tracing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanExportingPredicate;

/**
 * Keeps the stories and leaves out what only polls: a request to {@code /actuator/**} (health
 * checks every few seconds, scrapes), and a run of a scheduled job that did nothing worth a trace
 * (the inbox worker and the refund dispatcher look twice a second). A scheduled run is exported
 * when a span was started inside it (a global transaction, a call to another service), whose parent
 * it is: children end before their parent, so each exported span's parent is remembered (the last
 * few thousand), and a scheduled run's span is exported when it is among them. Nothing is dropped
 * whose children are exported.
 */
public class QuietSpans implements SpanExportingPredicate {

    private static final int REMEMBERED_PARENTS = 4096;

    private final Set<String> parents = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_PARENTS;
                }
            }));

    @Override
    public boolean isExportable(FinishedSpan span) {
        Map<String, String> tags = span.getTags();
        String url = tags.get("http.url");
        if (url != null && (url.startsWith("/actuator") || url.contains("/actuator/"))) {
            return false;
        }
        String parent = span.getParentId();
        boolean root = parent == null || parent.isEmpty();
        boolean scheduledRun = root && tags.containsKey("code.function") && tags.containsKey("code.namespace");
        if (scheduledRun && !parents.remove(span.getSpanId())) {
            return false;
        }
        if (!root) {
            parents.add(parent);
        }
        return true;
    }
}
