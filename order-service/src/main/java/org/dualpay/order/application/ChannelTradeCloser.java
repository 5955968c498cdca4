package org.dualpay.order.application;

import org.dualpay.order.infrastructure.PaymentClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Once an order is cancelled or closed, its channel trades are closed through payment-service, so
 * that no channel takes money for it any more. Best effort: the channel trades also expire by
 * themselves before the order would have, and money that still arrives is refunded as a late payment.
 */
@Component
public class ChannelTradeCloser {

    private static final Logger log = LoggerFactory.getLogger(ChannelTradeCloser.class);

    private final PaymentClient payments;

    public ChannelTradeCloser(PaymentClient payments) {
        this.payments = payments;
    }

    public void closeTrades(String orderNo) {
        try {
            payments.closeTrades(orderNo);
        } catch (RuntimeException e) {
            log.warn("channel trades of order {} not closed now ({}); they expire on their own", orderNo,
                    e.getMessage());
        }
    }

    /**
     * Before an order is closed for its timeout: its trades closed, and whether a payment of it is on
     * its way (stored by payment-service before now, not processed yet: the shopper paid in time).
     * Empty when payment-service cannot say; then the order is not closed this time.
     */
    public java.util.Optional<Boolean> closeTradesBeforeTimeout(String orderNo) {
        try {
            return java.util.Optional.of(payments.closeTrades(orderNo).paymentPending());
        } catch (RuntimeException e) {
            log.warn("order {} not closed for its timeout now: payment-service cannot say whether a payment is on "
                    + "its way ({})", orderNo, e.getMessage());
            return java.util.Optional.empty();
        }
    }
}
