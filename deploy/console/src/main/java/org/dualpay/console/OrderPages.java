package org.dualpay.console;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/** The latest orders, a search by order number, and one order's whole story on one page. */
@Controller
class OrderPages {

    static final Pattern ORDER_NO = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private final Services services;
    private final ConsoleProperties properties;
    private final TransactionCoordinator tc;

    OrderPages(Services services, ConsoleProperties properties, TransactionCoordinator tc) {
        this.services = services;
        this.properties = properties;
        this.tc = tc;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/orders";
    }

    @GetMapping("/orders")
    String orders(@RequestParam(required = false) String orderNo, Model model) {
        if (orderNo != null && !orderNo.isBlank()) {
            String wanted = orderNo.strip();
            if (ORDER_NO.matcher(wanted).matches()) {
                return "redirect:/orders/" + UriUtils.encodePathSegment(wanted, java.nio.charset.StandardCharsets.UTF_8);
            }
            model.addAttribute("searchError", "An order number has letters, digits, - and _ only (at most 40).");
        }
        model.addAttribute("orders", services.list("order-service", "/api/admin/orders?limit={limit}", 30));
        return "orders";
    }

    @GetMapping("/orders/{orderNo}")
    String story(@PathVariable String orderNo, Model model) {
        model.addAttribute("orderNo", orderNo);
        if (!ORDER_NO.matcher(orderNo).matches()) {
            model.addAttribute("order", new Services.Part<>(null, 404, "not an order number"));
            return "order";
        }
        var order = services.object("order-service", "/api/orders/{orderNo}", orderNo);
        model.addAttribute("order", order);
        if (!order.ok()) {
            return "order";
        }
        model.addAttribute("payment", services.object("payment-service", "/api/payments/{orderNo}", orderNo));
        model.addAttribute("story", services.object("payment-service", "/api/admin/payments/{orderNo}/story", orderNo));
        model.addAttribute("movements",
                services.list("inventory-service", "/api/admin/stock-movements?orderNo={orderNo}", orderNo));
        String userId = String.valueOf(order.data().get("userId"));
        var told = services.list("payment-service", "/api/users/{userId}/notifications", userId);
        model.addAttribute("notifications", told.ok()
                ? Services.Part.of(told.data().stream().filter(n -> orderNo.equals(n.get("orderNo"))).toList())
                : told);
        model.addAttribute("xids", xids(order.data()));
        return "order";
    }

    /**
     * The distinct XIDs on the order's timeline, in order, each with its trace link and what the TC
     * says of it now: open (its status and branches) or finished (the TC no longer holds it).
     */
    private List<Map<String, Object>> xids(Map<String, Object> order) {
        Object timeline = order.get("timeline");
        if (!(timeline instanceof List<?> rows)) {
            return List.of();
        }
        return rows.stream().filter(Map.class::isInstance).map(r -> ((Map<?, ?>) r).get("xid"))
                .filter(x -> x != null && !String.valueOf(x).isBlank()).map(String::valueOf).distinct()
                .map(x -> Map.<String, Object>of("xid", x, "trace", properties.traceLink(x), "tc", tc.open(x))).toList();
    }
}
