package org.dualpay.inventory.domain;

/** What asking to deduct an order's stock came to. */
public sealed interface DeductionOutcome {

    /** The stock went down now. */
    record Deducted(String orderNo) implements DeductionOutcome {
    }

    /** This order's stock had already gone down: nothing changed (idempotent repeat). */
    record AlreadyDeducted(String orderNo) implements DeductionOutcome {
    }

    /** Not enough units of one SKU: nothing changed. */
    record InsufficientStock(String skuCode, int requested) implements DeductionOutcome {
    }

    /** The order names a SKU that does not exist: nothing changed. */
    record UnknownSku(String skuCode) implements DeductionOutcome {
    }
}
