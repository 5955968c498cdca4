package org.dualpay.payment.refund;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.dualpay.common.openapi.ApiDocs;
import org.dualpay.common.openapi.ProblemAnswers;
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
@Tag(name = "refunds", description = "Refunds for customer support (the operator) and what shoppers were told")
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

    @Operation(operationId = "listRefunds", summary = "Refunds, newest first (at most 500), for customer support",
            description = "MANUAL refunds failed on the channel for a whole day (40 s with compressed time) and wait "
                    + "for an operator's retry.",
            security = @SecurityRequirement(name = ApiDocs.OPERATOR),
            responses = @ApiResponse(responseCode = "200", description = "The refunds", content = @Content(
                    array = @io.swagger.v3.oas.annotations.media.ArraySchema(schema = @Schema(implementation = RefundView.class)),
                    examples = @ExampleObject(name = "one parked", value = """
                            [{"refundNo": "RF20261206093105000K7QX0004", "orderNo": "ORD20261206093012345K7QX0001",
                             "outTradeNo": "PAY20261206093016002K7QX0003", "channel": "WECHAT", "amount": 39900,
                             "reason": "DUPLICATE_PAYMENT", "status": "MANUAL", "attempts": 154,
                             "lastError": "SYSTEM_ERROR: WECHAT is failing", "createdAt": "2026-12-06T09:31:05Z"}]"""))))
    @ProblemAnswers(ProblemCode.VALIDATION_FAILED)
    @GetMapping("/api/admin/refunds")
    List<RefundView> list(@RequestParam(required = false) RefundStatus status) {
        return desk.list(status, 500).stream().map(RefundView::of).toList();
    }

    /** Pushes a refund parked as MANUAL to the channel again, with a fresh count of attempts. */
    @Operation(operationId = "retryRefund", summary = "Push a MANUAL refund to the channel again",
            description = "The refund goes back to the dispatcher (PENDING) with a fresh count of attempts.",
            security = @SecurityRequirement(name = ApiDocs.OPERATOR),
            responses = @ApiResponse(responseCode = "200", description = "The refund, PENDING again", content = @Content(
                    schema = @Schema(implementation = RefundView.class), examples = @ExampleObject(name = "retried",
                    value = """
                            {"refundNo": "RF20261206093105000K7QX0004", "orderNo": "ORD20261206093012345K7QX0001",
                             "outTradeNo": "PAY20261206093016002K7QX0003", "channel": "WECHAT", "amount": 39900,
                             "reason": "DUPLICATE_PAYMENT", "status": "PENDING", "attempts": 0,
                             "createdAt": "2026-12-06T09:31:05Z"}"""))))
    @ProblemAnswers({ProblemCode.REFUND_NOT_FOUND, ProblemCode.REFUND_NOT_RETRYABLE})
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

    @Operation(operationId = "listNotifications", summary = "What a shopper was told",
            description = "Duplicate, late, out-of-stock and anomalous payments refunded, and finished refunds.",
            security = {@SecurityRequirement(name = ApiDocs.BEARER), @SecurityRequirement(name = ApiDocs.OPERATOR)},
            responses = @ApiResponse(responseCode = "200", description = "The notifications, newest first", content = @Content(
                    array = @io.swagger.v3.oas.annotations.media.ArraySchema(schema = @Schema(implementation = NotificationView.class)),
                    examples = @ExampleObject(name = "a duplicate payment refunded", value = """
                            [{"kind": "DUPLICATE_PAYMENT_DETECTED", "orderNo": "ORD20261206093012345K7QX0001",
                             "refundNo": "RF20261206093105000K7QX0004", "channel": "ALIPAY", "amount": 39900,
                             "reason": "DUPLICATE_PAYMENT", "message": "The order was already paid; this second payment is refunded.",
                             "createdAt": "2026-12-06T09:31:05Z"}]"""))))
    @ProblemAnswers(ProblemCode.NOT_YOUR_ACCOUNT)
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
