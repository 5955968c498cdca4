package org.dualpay.payment.web;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.error.ProblemException;
import org.dualpay.common.security.Caller;
import org.dualpay.payment.application.CloseTrades;
import org.dualpay.payment.application.RefundPaidOrder;
import org.dualpay.payment.domain.RefundStatus;
import org.dualpay.payment.infrastructure.NotificationMapper;
import org.dualpay.payment.infrastructure.NotificationRow;
import org.dualpay.payment.infrastructure.RefundMapper;
import org.dualpay.payment.infrastructure.RefundRow;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Refunds for customer support, what shoppers were told, and the calls order-service makes. */
@RestController
class RefundController {

    private final RefundMapper refunds;
    private final NotificationMapper notifications;
    private final RefundPaidOrder refundPaidOrder;
    private final CloseTrades closeTrades;
    private final Clock clock;

    RefundController(RefundMapper refunds, NotificationMapper notifications, RefundPaidOrder refundPaidOrder,
            CloseTrades closeTrades, Clock clock) {
        this.refunds = refunds;
        this.notifications = notifications;
        this.refundPaidOrder = refundPaidOrder;
        this.closeTrades = closeTrades;
        this.clock = clock;
    }

    @GetMapping("/api/admin/refunds")
    List<RefundView> list(@RequestParam(required = false) RefundStatus status) {
        return refunds.list(status, 500).stream().map(RefundView::of).toList();
    }

    /** Pushes a refund parked as MANUAL to the channel again, with a fresh count of attempts. */
    @PostMapping("/api/admin/refunds/{refundNo}/retry")
    RefundView retry(@PathVariable String refundNo) {
        RefundRow refund = refunds.find(refundNo);
        if (refund == null) {
            throw new ProblemException(ProblemCode.REFUND_NOT_FOUND, "No refund " + refundNo);
        }
        if (refunds.retryManual(refundNo, clock.instant()) != 1) {
            throw new ProblemException(ProblemCode.REFUND_NOT_RETRYABLE,
                    "Refund " + refundNo + " is " + refund.status + "; only a MANUAL refund is retried by hand",
                    Map.of("refundStatus", refund.status));
        }
        return RefundView.of(refunds.find(refundNo));
    }

    @GetMapping("/api/users/{userId}/notifications")
    List<NotificationRow> notifications(@PathVariable String userId) {
        if (!Caller.mayRead(userId)) {
            throw new ProblemException(ProblemCode.NOT_YOUR_ACCOUNT,
                    "The credential names another user than " + userId);
        }
        return notifications.forUser(userId);
    }

    /** What closing an order's trades found: whether a payment of it is stored and not processed yet. */
    record ClosedTradesView(String orderNo, boolean paymentPending) {
    }

    @PostMapping("/internal/payments/{orderNo}/close-trades")
    ClosedTradesView closeTrades(@PathVariable String orderNo) {
        return new ClosedTradesView(orderNo, closeTrades.closeTrades(orderNo));
    }

    @PostMapping("/internal/payments/{orderNo}/user-refund")
    ResponseEntity<Void> refund(@PathVariable String orderNo) {
        if (refundPaidOrder.refund(orderNo) == RefundPaidOrder.Outcome.NOT_PAID) {
            throw new ProblemException(ProblemCode.ORDER_NOT_REFUNDABLE,
                    "Order " + orderNo + " has no payment to refund");
        }
        return ResponseEntity.accepted().build();
    }
}
