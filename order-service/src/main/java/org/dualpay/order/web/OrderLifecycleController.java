package org.dualpay.order.web;

import java.util.Map;

import io.seata.rm.datasource.exec.LockConflictException;
import io.seata.rm.datasource.exec.LockWaitTimeoutException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.dualpay.common.error.Causes;
import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.error.ProblemException;
import org.dualpay.common.openapi.ApiDocs;
import org.dualpay.common.openapi.ProblemAnswers;
import org.dualpay.common.security.Caller;
import org.dualpay.order.application.CancelOrder;
import org.dualpay.order.application.ChangeOrderStatus;
import org.dualpay.order.application.OrderQueries;
import org.dualpay.order.application.RequestRefund;
import org.dualpay.order.domain.MoveOutcome;
import org.dualpay.order.domain.Order;
import org.dualpay.order.domain.OrderStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Cancel and refund for shoppers, and the state machine's moves for payment-service. */
@RestController
@Tag(name = "order lifecycle", description = "Cancel an unpaid order, refund a paid one")
class OrderLifecycleController {

    record MoveRequest(@NotNull OrderStatus to, @NotBlank @Size(max = 40) String reason, @Size(max = 255) String detail) {
    }

    record MoveView(String orderNo, OrderStatus status, boolean moved) {
    }

    private final CancelOrder cancelOrder;
    private final ChangeOrderStatus changeStatus;
    private final OrderQueries queries;
    private final RequestRefund requestRefund;

    OrderLifecycleController(CancelOrder cancelOrder, ChangeOrderStatus changeStatus, OrderQueries queries,
            RequestRefund requestRefund) {
        this.cancelOrder = cancelOrder;
        this.changeStatus = changeStatus;
        this.queries = queries;
        this.requestRefund = requestRefund;
    }

    @Operation(operationId = "cancelOrder", summary = "Cancel the calling shopper's unpaid order",
            description = "The order becomes CANCELLED and its channel trades are closed; cancelling it again answers "
                    + "the cancelled order. A paid order is refunded instead (409 ORDER_ALREADY_PAID names the path).",
            security = @SecurityRequirement(name = ApiDocs.BEARER),
            responses = @ApiResponse(responseCode = "200", description = "The cancelled order", content = @Content(
                    schema = @Schema(implementation = OrderView.class), examples = @ExampleObject(name = "cancelled",
                    value = """
                            {"orderNo": "ORD20261206093012345K7QX0001", "userId": "u-1", "status": "CANCELLED",
                             "totalAmount": 39900, "currency": "CNY", "items": [{"skuCode": "SKU-KEYBOARD",
                             "name": "Mechanical keyboard", "unitPrice": 39900, "quantity": 1, "amount": 39900}],
                             "expireAt": "2026-12-06T09:45:12.345Z", "createdAt": "2026-12-06T09:30:12.345Z",
                             "timeline": [{"to": "PENDING_PAYMENT", "reason": "CREATED", "at": "2026-12-06T09:30:12.345Z"},
                             {"from": "PENDING_PAYMENT", "to": "CANCELLED", "reason": "USER_CANCELLED",
                             "at": "2026-12-06T09:32:40.001Z"}]}"""))))
    @ProblemAnswers({ProblemCode.ORDER_NOT_FOUND, ProblemCode.ORDER_ALREADY_PAID, ProblemCode.ORDER_NOT_CANCELLABLE,
            ProblemCode.ORDER_BUSY})
    @PostMapping("/api/orders/{orderNo}/cancel")
    OrderView cancel(@PathVariable String orderNo) {
        requireOwnOrder(orderNo);
        MoveOutcome outcome;
        try {
            outcome = cancelOrder.cancel(orderNo);
        } catch (RuntimeException e) {
            throw busyOr(e, orderNo);
        }
        if (outcome instanceof MoveOutcome.Moved moved) {
            return OrderView.of(moved.order());
        }
        if (outcome instanceof MoveOutcome.AlreadyThere already) {
            return OrderView.of(already.order());
        }
        if (outcome instanceof MoveOutcome.Refused refused) {
            Order order = refused.order();
            if (order.payment() != null) {
                throw new ProblemException(ProblemCode.ORDER_ALREADY_PAID, "Order " + orderNo + " is "
                        + order.status() + "; a paid order is refunded, not cancelled: POST " + refundPath(orderNo),
                        Map.of("orderStatus", order.status(), "refundPath", refundPath(orderNo)));
            }
            throw new ProblemException(ProblemCode.ORDER_NOT_CANCELLABLE,
                    "Order " + orderNo + " is " + order.status() + " and cannot be cancelled",
                    Map.of("orderStatus", order.status()));
        }
        throw notFound(orderNo);
    }

    /** Refund of a paid order: 202, the order is REFUNDING; stock and money come back asynchronously. */
    @Operation(operationId = "refundOrder", summary = "Refund the calling shopper's paid order",
            description = "202: the order is REFUNDING; the money goes back on the channel that took it and the stock "
                    + "is restored, then the order is REFUNDED (GET the order, or the payment's refunds). Asking again "
                    + "answers 202 with the order as it is.",
            security = @SecurityRequirement(name = ApiDocs.BEARER),
            responses = @ApiResponse(responseCode = "202", description = "Accepted: REFUNDING (or already REFUNDED)",
                    content = @Content(schema = @Schema(implementation = OrderView.class), examples = @ExampleObject(
                    name = "refunding", value = """
                            {"orderNo": "ORD20261206093012345K7QX0001", "userId": "u-1", "status": "REFUNDING",
                             "totalAmount": 39900, "currency": "CNY", "items": [{"skuCode": "SKU-KEYBOARD",
                             "name": "Mechanical keyboard", "unitPrice": 39900, "quantity": 1, "amount": 39900}],
                             "expireAt": "2026-12-06T09:45:12.345Z", "createdAt": "2026-12-06T09:30:12.345Z",
                             "payment": {"channel": "WECHAT", "outTradeNo": "PAY20261206093015001K7QX0002",
                             "channelTradeNo": "4200001234", "paidAt": "2026-12-06T09:31:02Z"},
                             "timeline": [{"to": "PENDING_PAYMENT", "reason": "CREATED", "at": "2026-12-06T09:30:12.345Z"},
                             {"from": "PENDING_PAYMENT", "to": "PAID", "reason": "PAYMENT_CONFIRMED",
                             "xid": "192.168.1.10:8091:2612345678901234", "at": "2026-12-06T09:31:03.120Z"},
                             {"from": "PAID", "to": "REFUNDING", "reason": "USER_REQUESTED_REFUND",
                             "xid": "192.168.1.10:8091:2612345678905678", "at": "2026-12-06T10:02:00.500Z"}]}"""))))
    @ProblemAnswers({ProblemCode.ORDER_NOT_FOUND, ProblemCode.ORDER_NOT_REFUNDABLE})
    @PostMapping("/api/orders/{orderNo}/refund")
    ResponseEntity<OrderView> refund(@PathVariable String orderNo) {
        Order order = requireOwnOrder(orderNo);
        if (order.status() == OrderStatus.PAID) {
            requestRefund.request(orderNo);
            order = queries.find(orderNo).orElseThrow();
        }
        if (order.status() == OrderStatus.REFUNDING || order.status() == OrderStatus.REFUNDED) {
            return ResponseEntity.accepted().body(OrderView.of(order));
        }
        throw new ProblemException(ProblemCode.ORDER_NOT_REFUNDABLE,
                "Order " + orderNo + " is " + order.status() + "; only a paid order can be refunded",
                Map.of("orderStatus", order.status()));
    }

    /** A move of the state machine asked by payment-service, usually inside its global transaction. */
    @PostMapping("/internal/orders/{orderNo}/moves")
    MoveView move(@PathVariable String orderNo, @Valid @RequestBody MoveRequest request) {
        MoveOutcome outcome = changeStatus.move(orderNo, request.to(), request.reason(), request.detail());
        if (outcome instanceof MoveOutcome.Moved moved) {
            return new MoveView(orderNo, moved.order().status(), true);
        }
        if (outcome instanceof MoveOutcome.AlreadyThere already) {
            return new MoveView(orderNo, already.order().status(), false);
        }
        if (outcome instanceof MoveOutcome.Refused refused) {
            throw new ProblemException(ProblemCode.ILLEGAL_TRANSITION, "Order " + orderNo + " is "
                    + refused.order().status() + "; it cannot move to " + request.to(),
                    Map.of("orderStatus", refused.order().status()));
        }
        throw notFound(orderNo);
    }

    /** The order, when it is the calling shopper's; another's is not there for them (404). */
    private Order requireOwnOrder(String orderNo) {
        return queries.find(orderNo).filter(order -> Caller.mayAct(order.userId())).orElseThrow(() -> notFound(orderNo));
    }

    private static RuntimeException busyOr(RuntimeException e, String orderNo) {
        // Seata gives up waiting for the global lock with one of these, depending on where it waited.
        if (Causes.find(e, LockConflictException.class).isPresent()
                || Causes.find(e, LockWaitTimeoutException.class).isPresent()) {
            return new ProblemException(ProblemCode.ORDER_BUSY,
                    "A payment of order " + orderNo + " is being processed; try again in a moment");
        }
        return e;
    }

    private static String refundPath(String orderNo) {
        return "/api/orders/" + orderNo + "/refund";
    }

    private static ProblemException notFound(String orderNo) {
        return new ProblemException(ProblemCode.ORDER_NOT_FOUND, "No order " + orderNo);
    }
}
