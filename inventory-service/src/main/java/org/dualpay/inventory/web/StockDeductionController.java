package org.dualpay.inventory.web;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.error.ProblemException;
import org.dualpay.common.tracing.TransactionSpans;
import org.dualpay.inventory.application.DeductStock;
import org.dualpay.inventory.application.RestoreStock;
import org.dualpay.inventory.domain.DeductionOutcome;
import org.dualpay.inventory.domain.StockLine;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Called by payment-service inside its global transactions (the XID arrives in the TX_XID header). */
@RestController
class StockDeductionController {

    record Line(@NotBlank String skuCode, @NotNull @Min(1) @Max(999) Integer quantity) {
    }

    record DeductRequest(@NotBlank @Size(max = 40) String orderNo, @NotEmpty @Size(max = 50) List<@Valid Line> items) {
    }

    record DeductView(String orderNo, boolean alreadyDeducted) {
    }

    record RestoreView(String orderNo, RestoreStock.Outcome outcome) {
    }

    private final DeductStock deductStock;
    private final RestoreStock restoreStock;
    private final TransactionSpans spans;

    StockDeductionController(DeductStock deductStock, RestoreStock restoreStock, TransactionSpans spans) {
        this.deductStock = deductStock;
        this.restoreStock = restoreStock;
        this.spans = spans;
    }

    /** Called by payment-service inside a refund's global transaction. */
    @PostMapping("/internal/stock/restorations/{orderNo}")
    RestoreView restore(@PathVariable String orderNo) {
        return new RestoreView(orderNo, restoreStock.restore(orderNo));
    }

    @PostMapping("/internal/stock/deductions")
    DeductView deduct(@Valid @RequestBody DeductRequest request) {
        spans.current(request.orderNo()); // the branch's span: its XID and order number (README, "Traces")
        List<StockLine> lines = request.items().stream().map(l -> new StockLine(l.skuCode(), l.quantity())).toList();
        DeductionOutcome outcome = deductStock.deduct(request.orderNo(), lines);
        if (outcome instanceof DeductionOutcome.InsufficientStock s) {
            throw new ProblemException(ProblemCode.INSUFFICIENT_STOCK,
                    "Not enough stock of " + s.skuCode() + " for " + s.requested() + " unit(s)",
                    Map.of("skuCode", s.skuCode()));
        }
        if (outcome instanceof DeductionOutcome.UnknownSku u) {
            throw new ProblemException(ProblemCode.UNKNOWN_SKU_IN_REQUEST, "No SKU " + u.skuCode(),
                    Map.of("skuCode", u.skuCode()));
        }
        return new DeductView(request.orderNo(), outcome instanceof DeductionOutcome.AlreadyDeducted);
    }
}
