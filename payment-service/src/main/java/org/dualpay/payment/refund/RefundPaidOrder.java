package org.dualpay.payment.refund;

import io.seata.spring.annotation.GlobalTransactional;
import org.dualpay.common.id.Ids;
import org.dualpay.common.tracing.TransactionSpans;
import org.dualpay.payment.domain.OrderStatus;
import org.dualpay.payment.domain.PaymentStatus;
import org.dualpay.payment.domain.RefundReason;
import org.dualpay.payment.infrastructure.InventoryClient;
import org.dualpay.payment.infrastructure.OrderClient;
import org.dualpay.payment.infrastructure.PaymentMapper;
import org.dualpay.payment.infrastructure.PaymentRow;
import org.dualpay.payment.ledger.CompletionReport;
import org.springframework.stereotype.Service;

/**
 * The shopper asks for the money of a paid order back. One global transaction: the order PAID ->
 * REFUNDING (AT), its stock restored (AT), the paying attempt refunded (TCC). The dispatcher moves
 * the order to REFUNDED when the channel has given the money back.
 */
@Service
public class RefundPaidOrder {

    public enum Outcome {
        REFUNDING,
        ALREADY_REFUNDING,
        NOT_PAID
    }

    private final PaymentMapper payments;
    private final OrderClient orders;
    private final InventoryClient inventory;
    private final RefundAction refunds;
    private final CompletionReport report;
    private final TransactionSpans spans;

    RefundPaidOrder(PaymentMapper payments, OrderClient orders, InventoryClient inventory, RefundAction refunds,
            CompletionReport report, TransactionSpans spans) {
        this.payments = payments;
        this.orders = orders;
        this.inventory = inventory;
        this.refunds = refunds;
        this.report = report;
        this.spans = spans;
    }

    @GlobalTransactional(name = "refund-paid-order", timeoutMills = 30_000, rollbackFor = Exception.class)
    public Outcome refund(String orderNo) {
        return spans.globalTransaction("refund-paid-order", orderNo, () -> refundIn(orderNo));
    }

    private Outcome refundIn(String orderNo) {
        PaymentRow payment = payments.findByOrder(orderNo);
        if (payment == null || payment.status != PaymentStatus.PAID) {
            return Outcome.NOT_PAID;
        }
        OrderClient.MoveView moved = orders.move(orderNo,
                new OrderClient.MoveRequest(OrderStatus.REFUNDING, "USER_REQUESTED_REFUND", null));
        if (!moved.moved()) {
            return Outcome.ALREADY_REFUNDING;
        }
        report.onCompletion("refund-paid-order", Outcome.REFUNDING, "order " + orderNo);
        inventory.restore(orderNo);
        refunds.prepare(null, Ids.next("RF"), payment.paidOutTradeNo, RefundReason.USER_REQUEST.name());
        return Outcome.REFUNDING;
    }
}
