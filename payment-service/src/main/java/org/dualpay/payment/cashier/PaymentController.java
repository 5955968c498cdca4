package org.dualpay.payment.cashier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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
import org.dualpay.common.openapi.ApiDocs;
import org.dualpay.common.openapi.ProblemAnswers;
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
@Tag(name = "payments", description = "Start a payment of an order on a channel; read an order's payment")
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

    @Operation(operationId = "startPayment", summary = "Start paying the calling shopper's order on a channel",
            description = "Creates a trade on the channel (it expires before the order does) and answers where the "
                    + "shopper pays (payUrl). The order is paid once the channel's signed notify (or the active query) "
                    + "confirms it. A channel the cashier hides answers 503 CHANNEL_UNAVAILABLE: pay with the other.",
            security = @SecurityRequirement(name = ApiDocs.BEARER),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = StartPaymentRequest.class), examples = @ExampleObject(name = "Alipay",
                    value = """
                            {"orderNo": "ORD20261206093012345K7QX0001", "channel": "ALIPAY"}"""))),
            responses = @ApiResponse(responseCode = "201", description = "The channel trade to pay", content = @Content(
                    schema = @Schema(implementation = StartedView.class), examples = @ExampleObject(name = "started",
                    value = """
                            {"payNo": "PMT20261206093015000K7QX0001", "outTradeNo": "PAY20261206093015001K7QX0002",
                             "channel": "ALIPAY", "amount": 39900,
                             "payUrl": "http://127.0.0.1:8090/sandbox/alipay/trades/PAY20261206093015001K7QX0002/pay",
                             "expireAt": "2026-12-06T09:44:12.345Z"}"""))))
    @ProblemAnswers({ProblemCode.VALIDATION_FAILED, ProblemCode.MALFORMED_REQUEST, ProblemCode.ORDER_NOT_FOUND,
            ProblemCode.ORDER_ALREADY_PAID, ProblemCode.ORDER_NOT_PAYABLE, ProblemCode.CHANNEL_UNAVAILABLE})
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

    @Operation(operationId = "getPayment", summary = "An order's payment: its attempts per channel and its refunds",
            description = "A shopper reads their own (another's answers 404); the operator reads any. An attempt "
                    + "SUCCESS with applied=false is money that did not pay the order (a duplicate or late payment): its "
                    + "refund is listed.",
            security = {@SecurityRequirement(name = ApiDocs.BEARER), @SecurityRequirement(name = ApiDocs.OPERATOR)},
            responses = @ApiResponse(responseCode = "200", description = "The payment", content = @Content(
                    schema = @Schema(implementation = PaymentView.class), examples = @ExampleObject(
                    name = "paid on WeChat, also paid on Alipay and refunded", value = """
                            {"payNo": "PMT20261206093015000K7QX0001", "orderNo": "ORD20261206093012345K7QX0001",
                             "userId": "u-1", "amount": 39900, "status": "PAID",
                             "paidOutTradeNo": "PAY20261206093015001K7QX0002", "paidAt": "2026-12-06T09:31:02Z",
                             "attempts": [{"outTradeNo": "PAY20261206093015001K7QX0002", "channel": "WECHAT",
                             "channelTradeNo": "4200001234", "status": "SUCCESS", "applied": true, "amount": 39900,
                             "expireAt": "2026-12-06T09:44:12.345Z", "successAt": "2026-12-06T09:31:02Z"},
                             {"outTradeNo": "PAY20261206093016002K7QX0003", "channel": "ALIPAY",
                             "channelTradeNo": "2026120622001", "status": "SUCCESS", "applied": false, "amount": 39900,
                             "expireAt": "2026-12-06T09:44:13.001Z", "successAt": "2026-12-06T09:31:04Z"}],
                             "refunds": [{"refundNo": "RF20261206093105000K7QX0004", "orderNo": "ORD20261206093012345K7QX0001",
                             "outTradeNo": "PAY20261206093016002K7QX0003", "channel": "ALIPAY", "amount": 39900,
                             "reason": "DUPLICATE_PAYMENT", "status": "SUCCESS", "attempts": 1,
                             "createdAt": "2026-12-06T09:31:05Z", "finishedAt": "2026-12-06T09:31:06Z"}]}"""))))
    @ProblemAnswers(ProblemCode.PAYMENT_NOT_FOUND)
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
