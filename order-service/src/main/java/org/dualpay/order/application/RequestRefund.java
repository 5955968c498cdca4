package org.dualpay.order.application;

import org.dualpay.order.infrastructure.PaymentClient;
import org.springframework.stereotype.Service;

/** The shopper wants a paid order's money back: payment-service runs the refund's global transaction. */
@Service
public class RequestRefund {

    private final PaymentClient payments;

    public RequestRefund(PaymentClient payments) {
        this.payments = payments;
    }

    public void request(String orderNo) {
        payments.refund(orderNo);
    }
}
