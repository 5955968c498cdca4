package org.dualpay.order.application;

import org.dualpay.order.domain.MoveOutcome;
import org.dualpay.order.domain.OrderStatus;
import org.springframework.stereotype.Service;

/** The shopper cancels an unpaid order; its open channel trades are closed afterwards. */
@Service
public class CancelOrder {

    private final ChangeOrderStatus changeStatus;
    private final ChannelTradeCloser closer;

    public CancelOrder(ChangeOrderStatus changeStatus, ChannelTradeCloser closer) {
        this.changeStatus = changeStatus;
        this.closer = closer;
    }

    public MoveOutcome cancel(String orderNo) {
        MoveOutcome outcome = changeStatus.move(orderNo, OrderStatus.CANCELLED, "USER_CANCELLED", null);
        if (outcome instanceof MoveOutcome.Moved) {
            closer.closeTrades(orderNo);
        }
        return outcome;
    }
}
