package org.dualpay.order.application;

import java.time.Clock;
import java.util.List;

import org.dualpay.order.domain.MoveOutcome;
import org.dualpay.order.domain.OrderStatus;
import org.dualpay.order.infrastructure.OrderMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes unpaid orders past their expiry, a bounded batch per run. Each order's channel trades are
 * closed first through payment-service, which also says whether a payment of the order is stored and
 * not yet processed (acknowledged to the channel before now, held up by an outage): such an order
 * stays PENDING_PAYMENT until its payment is processed, and ends PAID. Safe on several instances at once:
 * each close is the state machine's conditional move under a row lock, so an order closed by another
 * instance (or paid, or cancelled, a moment before) is simply left as it is.
 */
@Component
public class CloseExpiredOrders {

    private static final Logger log = LoggerFactory.getLogger(CloseExpiredOrders.class);

    private final OrderMapper orders;
    private final ChangeOrderStatus changeStatus;
    private final ChannelTradeCloser closer;
    private final OrderProperties properties;
    private final Clock clock;

    public CloseExpiredOrders(OrderMapper orders, ChangeOrderStatus changeStatus, ChannelTradeCloser closer,
            OrderProperties properties, Clock clock) {
        this.orders = orders;
        this.changeStatus = changeStatus;
        this.closer = closer;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dualpay.orders.close-interval:PT5S}", initialDelayString = "${dualpay.orders.close-interval:PT5S}")
    public void run() {
        List<String> expired = orders.expired(clock.instant(), properties.closeBatchSize());
        for (String orderNo : expired) {
            try {
                // Trades first, and ask whether a payment is on its way: a payment acknowledged (stored in
                // payment-service's inbox) before now was made in time, and the order waits for it.
                var pending = closer.closeTradesBeforeTimeout(orderNo);
                if (pending.isEmpty() || pending.get()) {
                    if (pending.isPresent()) {
                        log.info("order {} expired with a payment on its way; left open for it", orderNo);
                    }
                    continue;
                }
                if (changeStatus.move(orderNo, OrderStatus.CLOSED, "PAYMENT_TIMEOUT", null) instanceof MoveOutcome.Moved) {
                    // A trade opened or paid since is closed, or processed as a late payment.
                    closer.closeTrades(orderNo);
                }
            } catch (RuntimeException e) {
                log.warn("order {} not closed this run: {}", orderNo, e.getMessage());
            }
        }
        if (!expired.isEmpty()) {
            log.info("timeout close: {} expired order(s) handled", expired.size());
        }
    }
}
