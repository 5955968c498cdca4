package org.dualpay.payment.confirm;

import io.seata.spring.annotation.GlobalTransactional;
import org.dualpay.common.tracing.TransactionSpans;
import org.dualpay.payment.domain.ConfirmOutcome;
import org.dualpay.payment.domain.OrderStatus;
import org.dualpay.payment.domain.PaymentNotice;
import org.dualpay.payment.domain.RefundReason;
import org.dualpay.payment.infrastructure.AttemptMapper;
import org.dualpay.payment.infrastructure.OrderClient;
import org.springframework.stereotype.Service;

/**
 * Money arrived for an order whose stock ran out (the payment's own global transaction rolled
 * back): one more global transaction closes the order (reason OUT_OF_STOCK, AT) and records and
 * refunds the money (AT + TCC). If the order is no longer unpaid (cancelled, or paid by another
 * attempt meanwhile), the move is refused, this rolls back, and the channel's next notify is
 * decided afresh by {@link ConfirmPayment}.
 */
@Service
public class CloseOutOfStock {

    private final AttemptMapper attempts;
    private final OrderClient orders;
    private final UnappliedPayments unapplied;
    private final TransactionSpans spans;

    CloseOutOfStock(AttemptMapper attempts, OrderClient orders, UnappliedPayments unapplied, TransactionSpans spans) {
        this.attempts = attempts;
        this.orders = orders;
        this.unapplied = unapplied;
        this.spans = spans;
    }

    @GlobalTransactional(name = "close-out-of-stock", timeoutMills = 30_000, rollbackFor = Exception.class)
    public ConfirmOutcome close(PaymentNotice notice) {
        String orderNo = attempts.find(notice.outTradeNo()).orderNo;
        return spans.globalTransaction("close-out-of-stock", orderNo, () -> {
            orders.move(orderNo, new OrderClient.MoveRequest(OrderStatus.CLOSED, "OUT_OF_STOCK",
                    "paid by " + notice.channel() + " " + notice.channelTradeNo() + " when the stock had run out"));
            return unapplied.refund(notice, RefundReason.OUT_OF_STOCK, ConfirmOutcome.OUT_OF_STOCK);
        });
    }
}
