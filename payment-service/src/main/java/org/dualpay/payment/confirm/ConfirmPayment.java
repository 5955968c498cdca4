package org.dualpay.payment.confirm;

import io.seata.spring.annotation.GlobalTransactional;
import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.error.RemoteProblemException;
import org.dualpay.common.fault.FaultPoints;
import org.dualpay.common.tracing.TransactionSpans;
import org.dualpay.payment.PaymentFaultPoint;
import org.dualpay.payment.domain.ConfirmOutcome;
import org.dualpay.payment.domain.PaymentNotice;
import org.dualpay.payment.domain.RefundReason;
import org.dualpay.payment.infrastructure.AttemptMapper;
import org.dualpay.payment.infrastructure.AttemptRow;
import org.dualpay.payment.infrastructure.InventoryClient;
import org.dualpay.payment.infrastructure.OrderClient;
import org.dualpay.payment.ledger.CompletionReport;
import org.dualpay.payment.ledger.PaymentLedger;
import org.springframework.stereotype.Service;

/**
 * The global transaction of a channel's money, whatever it turns out to be.
 *
 * <p>The order decides first: its branch (order-service, AT) takes the order row, and with it the
 * row's global lock, so two payments of one order, on two channels and two instances, in the same
 * millisecond, are decided one after the other. Then:
 *
 * <ul>
 *   <li>the order was unpaid: it is PAID now; the attempt SUCCESS and the payment PAID (payment_db,
 *       AT); the stock deducted (inventory-service, AT). Stock too low throws {@link OutOfStockException}
 *       and everything rolls back; {@link CloseOutOfStock} takes over.
 *   <li>another attempt paid it: this money is a duplicate payment, recorded and refunded (TCC);
 *   <li>it was cancelled or closed: a late payment, recorded and refunded (TCC);
 *   <li>this very trade paid it: a repeat, nothing to do.
 * </ul>
 *
 * Any other failure rolls every branch back and the channel notifies again. No channel is called here.
 */
@Service
public class ConfirmPayment {

    /** The member of order-service's ORDER_NOT_PAYABLE problem that names the order's status. */
    static final String ORDER_STATUS = "orderStatus";

    private final AttemptMapper attempts;
    private final PaymentLedger ledger;
    private final UnappliedPayments unapplied;
    private final OrderClient orders;
    private final InventoryClient inventory;
    private final CompletionReport report;
    private final FaultPoints faults;
    private final TransactionSpans spans;

    ConfirmPayment(AttemptMapper attempts, PaymentLedger ledger, UnappliedPayments unapplied, OrderClient orders,
            InventoryClient inventory, CompletionReport report, FaultPoints faults, TransactionSpans spans) {
        this.attempts = attempts;
        this.ledger = ledger;
        this.unapplied = unapplied;
        this.orders = orders;
        this.inventory = inventory;
        this.report = report;
        this.faults = faults;
        this.spans = spans;
    }

    @GlobalTransactional(name = "confirm-payment", timeoutMills = 30_000, rollbackFor = Exception.class)
    public ConfirmOutcome confirm(PaymentNotice notice) {
        AttemptRow attempt = attempts.find(notice.outTradeNo());
        // a span of its own, with the XID and the order number (README, "Traces"); the branches are its children
        return spans.globalTransaction("confirm-payment", attempt.orderNo, () -> decide(attempt, notice));
    }

    private ConfirmOutcome decide(AttemptRow attempt, PaymentNotice notice) {
        faults.hit(PaymentFaultPoint.CONFIRM_BEFORE_ORDER);
        OrderClient.MarkPaidView marked;
        try {
            marked = orders.paymentSuccess(attempt.orderNo, new OrderClient.PaymentSuccess(attempt.outTradeNo,
                    notice.channel(), notice.channelTradeNo(), notice.amount(), notice.paidAt()));
        } catch (RemoteProblemException refused) {
            return onRefusal(refused, notice);
        }
        if (marked.alreadyApplied()) {
            return ConfirmOutcome.ALREADY_CONFIRMED;
        }
        ledger.recordApplied(notice);
        report.onCompletion("confirm-payment", ConfirmOutcome.PAID, notice);

        faults.hit(PaymentFaultPoint.CONFIRM_BEFORE_INVENTORY);
        try {
            inventory.deduct(new InventoryClient.DeductRequest(attempt.orderNo, marked.order().items().stream()
                    .map(item -> new InventoryClient.Line(item.skuCode(), item.quantity())).toList()));
        } catch (RemoteProblemException refused) {
            if (refused.is(ProblemCode.INSUFFICIENT_STOCK)) {
                throw new OutOfStockException(attempt.orderNo, refused.getMessage());
            }
            throw refused;
        }
        faults.hit(PaymentFaultPoint.CONFIRM_BEFORE_COMMIT);
        return ConfirmOutcome.PAID;
    }

    private ConfirmOutcome onRefusal(RemoteProblemException refused, PaymentNotice notice) {
        if (refused.is(ProblemCode.ORDER_ALREADY_PAID)) {
            return unapplied.refund(notice, RefundReason.DUPLICATE_PAYMENT, ConfirmOutcome.DUPLICATE_PAYMENT);
        }
        if (refused.is(ProblemCode.ORDER_NOT_PAYABLE)) {
            // The 409 names the order's status, read under its row lock: cancelled or closed, both final.
            return unapplied.refund(notice, RefundReason.forLatePayment(refused.property(ORDER_STATUS).orElse(null)),
                    ConfirmOutcome.LATE_PAYMENT);
        }
        throw refused;
    }

    /** The inventory branch refused for lack of stock; the whole transaction rolls back. */
    public static class OutOfStockException extends RuntimeException {

        public OutOfStockException(String orderNo, String detail) {
            super("order " + orderNo + " is out of stock: " + detail);
        }
    }
}
