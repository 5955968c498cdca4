package org.dualpay.payment.reconciliation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.dualpay.common.openapi.ApiDocs;
import org.dualpay.common.openapi.ProblemAnswers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "reconciliation", description = "Money and stock checked across the three databases and the TC's store")
class ReconciliationController {

    private final Reconciliation reconciliation;

    ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    /** {ok, checkedAt, violations:[{rule, subject, detail}], totals} over all three databases. */
    @Operation(operationId = "getReconciliation", summary = "The reconciliation report, computed now",
            description = "ok is true when no rule is violated; each violation names its rule, its subject (an order, "
                    + "a SKU, a refund) and what is wrong; totals sum money received, refunded, parked and in flight.",
            security = @SecurityRequirement(name = ApiDocs.OPERATOR),
            responses = @ApiResponse(responseCode = "200", description = "The report", content = @Content(
                    schema = @Schema(implementation = Reconciliation.Report.class), examples = @ExampleObject(
                    name = "one refund parked", value = """
                            {"ok": false, "checkedAt": "2026-12-06T10:00:00.123Z",
                             "violations": [{"rule": "REFUND_PARKED_MANUAL", "subject": "refund RF20261206093105000K7QX0004",
                             "detail": "39900 fen of order ORD20261206093012345K7QX0001 on WECHAT (DUPLICATE_PAYMENT) parked for support at 2026-12-07T09:31:05 after 154 failure(s); last error: SYSTEM_ERROR (POST /api/admin/refunds/RF20261206093105000K7QX0004/retry)"}],
                             "totals": {"orders": {"PAID": 1}, "refunds": {"MANUAL": 1},
                             "receivedFen": {"applied": 39900, "unapplied": 39900}, "anomalyFen": 0,
                             "parkedManualFen": 39900, "refundedFen": 0, "inboxPending": 0, "refundsInFlight": 0,
                             "undoLogRows": 0, "orphanUndoLogRows": 0}}"""))))
    @GetMapping("/api/admin/reconciliation")
    Reconciliation.Report report() {
        return reconciliation.check();
    }
}
