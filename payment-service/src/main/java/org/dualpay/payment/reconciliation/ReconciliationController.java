package org.dualpay.payment.reconciliation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReconciliationController {

    private final Reconciliation reconciliation;

    ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    /** {ok, checkedAt, violations:[{rule, subject, detail}], totals} over all three databases. */
    @GetMapping("/api/admin/reconciliation")
    Reconciliation.Report report() {
        return reconciliation.check();
    }
}
