package org.dualpay.order.infrastructure;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** What order-service asks of payment-service. */
@FeignClient(name = "payment-service")
public interface PaymentClient {

    /** Closes the order's open channel trades; a trade found paid meanwhile is handled as a late payment. */
    @PostMapping("/internal/payments/{orderNo}/close-trades")
    void closeTrades(@PathVariable("orderNo") String orderNo);

    /** Refunds a paid order: one global transaction moves it to REFUNDING, restores stock, refunds (TCC). */
    @PostMapping("/internal/payments/{orderNo}/user-refund")
    void refund(@PathVariable("orderNo") String orderNo);
}
