package org.dualpay.order.web;

import java.util.Map;

import io.seata.rm.datasource.exec.LockConflictException;
import io.seata.rm.datasource.exec.LockWaitTimeoutException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.dualpay.common.error.Causes;
import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.error.ProblemException;
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
