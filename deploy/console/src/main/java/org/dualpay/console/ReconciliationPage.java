package org.dualpay.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** payment-service's reconciliation report, checked when the page is opened; each violation linked to its order. */
@Controller
class ReconciliationPage {

    /** Business numbers are a prefix and digits (common's Ids): ORD... for an order. */
    static final Pattern ORDER_IN_TEXT = Pattern.compile("\\bORD[0-9A-Za-z]+");

    private final Services services;

    ReconciliationPage(Services services) {
        this.services = services;
    }

    @GetMapping("/reconciliation")
    String reconciliation(Model model) {
        var report = services.object("payment-service", "/api/admin/reconciliation");
        model.addAttribute("report", report);
        List<Map<String, Object>> violations = new ArrayList<>();
        if (report.ok() && report.data().get("violations") instanceof List<?> found) {
            for (Object v : found) {
                Map<String, Object> violation = new LinkedHashMap<>((Map<String, Object>) v);
                violation.put("orderNo", orderOf(violation.get("subject") + " " + violation.get("detail")));
                violations.add(violation);
            }
        }
        model.addAttribute("violations", violations);
        return "reconciliation";
    }

    /** The order a violation concerns: named in its subject ("order ORD...") or its detail ("... for order ORD..."). */
    static String orderOf(String text) {
        Matcher m = ORDER_IN_TEXT.matcher(text);
        return m.find() ? m.group() : null;
    }
}
