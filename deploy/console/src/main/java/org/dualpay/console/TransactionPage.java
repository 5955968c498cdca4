package org.dualpay.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The global transactions the TC holds now, each with its branches (empty when everything finished). */
@Controller
class TransactionPage {

    private final TransactionCoordinator tc;
    private final ConsoleProperties properties;

    TransactionPage(TransactionCoordinator tc, ConsoleProperties properties) {
        this.tc = tc;
        this.properties = properties;
    }

    @GetMapping("/transactions")
    String transactions(Model model) {
        model.addAttribute("sessions", tc.open(null));
        model.addAttribute("tcUrl", properties.seataConsoleUrl());
        return "transactions";
    }
}
