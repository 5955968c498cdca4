package org.dualpay.payment.cashier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.error.ProblemException;
import org.dualpay.common.security.Caller;
import org.dualpay.payment.domain.Attempt;
import org.dualpay.payment.domain.AttemptStatus;
import org.dualpay.payment.domain.PaymentStatus;
import org.dualpay.payment.refund.RefundView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PaymentController {

    record StartPaymentRequest(@NotBlank @Size(max = 40) String orderNo, @NotNull Channel channel) {
    }

    record StartedView(String payNo, String outTradeNo, Channel channel, long amount, String payUrl, Instant expireAt) {
    }

    record AttemptView(String outTradeNo, Channel channel, String channelTradeNo, AttemptStatus status, boolean applied,
            long amount, Instant expireAt, Instant successAt) {
    }

    record PaymentView(String payNo, String orderNo, String userId, long amount, PaymentStatus status, String paidOutTradeNo,
            Instant paidAt, List<AttemptView> attempts, List<RefundView> refunds) {
    }

    private final StartPayment startPayment;
    private final PaymentQueries queries;

    PaymentController(StartPayment startPayment, PaymentQueries queries) {
        this.startPayment = startPayment;
        this.queries = queries;
    }

    @PostMapping("/api/payments")
    ResponseEntity<StartedView> start(@Valid @RequestBody StartPaymentRequest request) {
        StartPayment.Outcome outcome = startPayment.start(request.orderNo(), request.channel(),
                Caller.shopper().orElseThrow());
        if (outcome instanceof StartPayment.Outcome.Started started) {
            Attempt attempt = started.attempt();
            return ResponseEntity.status(HttpStatus.CREATED).body(new StartedView(started.payment().payNo(),
                    attempt.outTradeNo(), attempt.channel(), attempt.amount(), attempt.payUrl(), attempt.expireAt()));
        }
        if (outcome instanceof StartPayment.Outcome.OrderNotFound) {
            throw new ProblemException(ProblemCode.ORDER_NOT_FOUND, "No order " + request.orderNo());
        }
        if (outcome instanceof StartPayment.Outcome.AlreadyPaid) {
            throw new ProblemException(ProblemCode.ORDER_ALREADY_PAID,
                    "Order " + request.orderNo() + " is already paid");
        }
        if (outcome instanceof StartPayment.Outcome.NotPayable notPayable) {
            throw new ProblemException(ProblemCode.ORDER_NOT_PAYABLE,
                    "Order " + request.orderNo() + " cannot be paid: " + notPayable.reason());
        }
        var unavailable = (StartPayment.Outcome.ChannelUnavailable) outcome;
        throw new ProblemException(ProblemCode.CHANNEL_UNAVAILABLE,
                unavailable.channel() + " cannot take payments right now; try another channel",
                Map.of("channel", unavailable.channel()));
    }

    @GetMapping("/api/payments/{orderNo}")
    PaymentView byOrder(@PathVariable String orderNo) {
        return queries.byOrder(orderNo).filter(found -> Caller.mayRead(found.payment().userId())).map(found -> {
            var p = found.payment();
            return new PaymentView(p.payNo(), p.orderNo(), p.userId(), p.amount(), p.status(), p.paidOutTradeNo(),
                    p.paidAt(), found.attempts().stream().map(a -> new AttemptView(a.outTradeNo(), a.channel(),
                            a.channelTradeNo(), a.status(), a.applied(), a.amount(), a.expireAt(), a.successAt())).toList(),
                    found.refunds().stream().map(RefundView::of).toList());
        }).orElseThrow(() -> new ProblemException(ProblemCode.PAYMENT_NOT_FOUND,
                "No payment was started for order " + orderNo));
    }
}
