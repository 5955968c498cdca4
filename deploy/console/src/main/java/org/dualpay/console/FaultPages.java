package org.dualpay.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every instance's fault points (the {@code chaos} profile), armed or not and how often each fired;
 * arm one, or disarm all of an instance, through its {@code /actuator/faults} as the operator. An
 * instance is addressed only as Nacos lists it: the console calls no address it is handed.
 */
@Controller
class FaultPages {

    static final Pattern POINT = Pattern.compile("[a-z][a-z0-9.-]{0,79}");
    static final List<String> MODES = List.of("EXCEPTION", "DELAY", "HALT");

    private final Services services;
    private final ConsoleProperties properties;

    FaultPages(Services services, ConsoleProperties properties) {
        this.services = services;
        this.properties = properties;
    }

    @GetMapping("/faults")
    String faults(Model model) {
        List<Map<String, Object>> instances = new ArrayList<>();
        for (String service : properties.services()) {
            List<Services.Instance> found = services.instances(service);
            if (found.isEmpty()) {
                instances.add(Map.of("service", service, "address", "-",
                        "faults", new Services.Part<>(null, 0, "no instance registered in Nacos")));
            }
            for (Services.Instance instance : found) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("service", service);
                row.put("address", instance.address());
                row.put("faults", services.getAt(instance, "/actuator/faults"));
                instances.add(row);
            }
        }
        model.addAttribute("instances", instances);
        model.addAttribute("modes", MODES);
        return "faults";
    }

    @PostMapping("/faults/arm")
    String arm(@RequestParam String service, @RequestParam String address, @RequestParam String point,
            @RequestParam String mode, @RequestParam(required = false) Long delayMs,
            @RequestParam(required = false) Integer times, RedirectAttributes redirect) {
        var instance = properties.services().contains(service) ? services.instance(service, address)
                : java.util.Optional.<Services.Instance>empty();
        if (instance.isEmpty() || !POINT.matcher(point).matches() || !MODES.contains(mode)) {
            redirect.addFlashAttribute("message", "Not armed: no such instance, point or mode.");
            return "redirect:/faults";
        }
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("mode", mode);
        if (delayMs != null) {
            fault.put("delayMs", delayMs);
        }
        if (times != null) {
            fault.put("times", times);
        }
        var answer = services.postAt(instance.get(), "/actuator/faults/{point}", fault, point);
        redirect.addFlashAttribute("message", answer.ok() ? "Armed " + point + " (" + mode + ") on " + service + " "
                + address : "Not armed: " + answer.error());
        return "redirect:/faults";
    }

    @PostMapping("/faults/disarm")
    String disarm(@RequestParam String service, @RequestParam String address, RedirectAttributes redirect) {
        var instance = properties.services().contains(service) ? services.instance(service, address)
                : java.util.Optional.<Services.Instance>empty();
        if (instance.isEmpty()) {
            redirect.addFlashAttribute("message", "Nothing disarmed: no such instance.");
            return "redirect:/faults";
        }
        var answer = services.deleteAt(instance.get(), "/actuator/faults");
        redirect.addFlashAttribute("message", answer.ok() ? "Disarmed every fault point of " + service + " " + address
                : "Not disarmed: " + answer.error());
        return "redirect:/faults";
    }
}
