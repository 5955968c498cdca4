package org.dualpay.order.infrastructure;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** What order-service asks of payment-service. */
@FeignClient(name = "payment-service")
public interface PaymentClient {

    /**
     * Closes the order's open channel trades; a trade found paid meanwhile is processed like a notify.
     * Answers whether a payment of the order is stored (acknowledged to its channel) and not processed yet.
     */
    @PostMapping("/internal/payments/{orderNo}/close-trades")
    ClosedTrades closeTrades(@PathVariable("orderNo") String orderNo);

    record ClosedTrades(String orderNo, boolean paymentPending) {
    }

    /** Refunds a paid order: one global transaction moves it to REFUNDING, restores stock, refunds (TCC). */
    @PostMapping("/internal/payments/{orderNo}/user-refund")
    void refund(@PathVariable("orderNo") String orderNo);
}
