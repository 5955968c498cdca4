package org.dualpay.payment.refund;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.dualpay.common.channel.Channel;
import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.error.ProblemException;
import org.dualpay.common.security.Caller;
import org.dualpay.payment.domain.Notification;
import org.dualpay.payment.domain.Refund;
import org.dualpay.payment.domain.RefundReason;
import org.dualpay.payment.domain.RefundStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Refunds for customer support, what shoppers were told, and the shopper's refund order-service asks for. */
@RestController
class RefundController {

    record NotificationView(String kind, String orderNo, String refundNo, Channel channel, long amount,
            RefundReason reason, String message, Instant createdAt) {

        static NotificationView of(Notification n) {
            return new NotificationView(n.kind(), n.orderNo(), n.refundNo(), n.channel(), n.amount(), n.reason(),
                    n.message(), n.createdAt());
        }
    }

    private final RefundDesk desk;
    private final RefundPaidOrder refundPaidOrder;

    RefundController(RefundDesk desk, RefundPaidOrder refundPaidOrder) {
        this.desk = desk;
        this.refundPaidOrder = refundPaidOrder;
    }

    @GetMapping("/api/admin/refunds")
    List<RefundView> list(@RequestParam(required = false) RefundStatus status) {
        return desk.list(status, 500).stream().map(RefundView::of).toList();
    }

    /** Pushes a refund parked as MANUAL to the channel again, with a fresh count of attempts. */
    @PostMapping("/api/admin/refunds/{refundNo}/retry")
    RefundView retry(@PathVariable String refundNo) {
        RefundDesk.Retry retry = desk.retry(refundNo);
        if (retry instanceof RefundDesk.Retry.Retried retried) {
            return RefundView.of(retried.refund());
        }
        if (retry instanceof RefundDesk.Retry.NotRetryable refused) {
            throw new ProblemException(ProblemCode.REFUND_NOT_RETRYABLE,
                    "Refund " + refundNo + " is " + refused.refund().status() + "; only a MANUAL refund is retried by hand",
                    Map.of("refundStatus", refused.refund().status()));
        }
        throw new ProblemException(ProblemCode.REFUND_NOT_FOUND, "No refund " + refundNo);
    }

    @GetMapping("/api/users/{userId}/notifications")
    List<NotificationView> notifications(@PathVariable String userId) {
        if (!Caller.mayRead(userId)) {
            throw new ProblemException(ProblemCode.NOT_YOUR_ACCOUNT,
                    "The credential names another user than " + userId);
        }
        return desk.notifications(userId).stream().map(NotificationView::of).toList();
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
