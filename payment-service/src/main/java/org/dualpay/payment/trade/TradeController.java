package org.dualpay.payment.trade;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** What order-service asks when an order is cancelled or times out: close its channel trades. */
@RestController
class TradeController {

    /** What closing an order's trades found: whether a payment of it is stored and not processed yet. */
    record ClosedTradesView(String orderNo, boolean paymentPending) {
    }

    private final CloseTrades closeTrades;

    TradeController(CloseTrades closeTrades) {
        this.closeTrades = closeTrades;
    }

    @PostMapping("/internal/payments/{orderNo}/close-trades")
    ClosedTradesView closeTrades(@PathVariable String orderNo) {
        return new ClosedTradesView(orderNo, closeTrades.closeTrades(orderNo));
    }
}
