package org.dualpay.order.web;

import org.dualpay.order.domain.OrderStatus;
import java.time.Instant;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.error.ProblemException;
import org.dualpay.order.application.MarkOrderPaid;
import org.dualpay.order.domain.MarkPaidOutcome;
import org.dualpay.order.domain.Order;
import org.dualpay.order.domain.PaymentSuccess;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Called by payment-service inside its global transaction (Seata's TX_XID header binds this request's
 * database work to it). Refusals are 409 problems whose code tells payment-service which story it is in.
 */
@RestController
class PaymentSuccessController {

    record PaymentSuccessRequest(@NotBlank String outTradeNo, @NotBlank String channel, @NotBlank String channelTradeNo,
            @NotNull @Positive Long amount, @NotNull Instant paidAt) {
    }

    record MarkPaidView(String orderNo, OrderStatus status, boolean alreadyApplied, OrderView order) {
    }

    private final MarkOrderPaid markOrderPaid;

    PaymentSuccessController(MarkOrderPaid markOrderPaid) {
        this.markOrderPaid = markOrderPaid;
    }

    @PostMapping("/internal/orders/{orderNo}/payment-success")
    MarkPaidView paymentSuccess(@PathVariable String orderNo, @Valid @RequestBody PaymentSuccessRequest request) {
        MarkPaidOutcome outcome = markOrderPaid.markPaid(new PaymentSuccess(orderNo, request.outTradeNo(),
                request.channel(), request.channelTradeNo(), request.amount(), request.paidAt()));
        if (outcome instanceof MarkPaidOutcome.Paid paid) {
            return view(paid.order(), false);
        }
        if (outcome instanceof MarkPaidOutcome.AlreadyPaidBySameTrade same) {
            return view(same.order(), true);
        }
        if (outcome instanceof MarkPaidOutcome.AlreadyPaidByOtherTrade other) {
            throw new ProblemException(ProblemCode.ORDER_ALREADY_PAID,
                    "Order " + orderNo + " was already paid by " + other.order().payment().outTradeNo(),
                    Map.of("paidOutTradeNo", other.order().payment().outTradeNo()));
        }
        if (outcome instanceof MarkPaidOutcome.NotPayable late) {
            throw new ProblemException(ProblemCode.ORDER_NOT_PAYABLE,
                    "Order " + orderNo + " is " + late.order().status(), Map.of("orderStatus", late.order().status()));
        }
        if (outcome instanceof MarkPaidOutcome.AmountMismatch mismatch) {
            throw new ProblemException(ProblemCode.AMOUNT_MISMATCH, "Order " + orderNo + " costs "
                    + mismatch.order().totalAmount() + " fen, the payment was " + mismatch.reported());
        }
        throw new ProblemException(ProblemCode.ORDER_NOT_FOUND, "No order " + orderNo);
    }

    private static MarkPaidView view(Order order, boolean alreadyApplied) {
        return new MarkPaidView(order.orderNo(), order.status(), alreadyApplied, OrderView.of(order));
    }
}
