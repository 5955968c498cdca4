package org.dualpay.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The channels' health as the cashier sees it, per payment-service instance (each keeps its own
 * circuit breakers): offered to every shopper, to a share while probing, or hidden, and why.
 */
@Controller
class ChannelPage {

    private final Services services;

    ChannelPage(Services services) {
        this.services = services;
    }

    @GetMapping("/channels")
    String channels(Model model) {
        List<Map<String, Object>> instances = new ArrayList<>();
        for (Services.Instance instance : services.instances("payment-service")) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("address", instance.address());
            row.put("channels", services.listAt(instance, "/api/admin/channels"));
            instances.add(row);
        }
        model.addAttribute("instances", instances);
        return "channels";
    }
}
