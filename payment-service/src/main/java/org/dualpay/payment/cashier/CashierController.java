package org.dualpay.payment.cashier;

import java.util.Arrays;
import java.util.List;

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
import org.dualpay.payment.channel.ChannelHealth;
import org.dualpay.payment.domain.OrderStatus;
import org.dualpay.payment.domain.OrderSummary;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The cashier: which channels this shopper may pay the order with, and why not the others. */
@RestController
@Tag(name = "payments")
class CashierController {

    record ChannelView(String channel, boolean available, String reason) {
    }

    record CashierView(String orderNo, long amount, List<ChannelView> channels) {
    }

    private final Orders orders;
    private final ChannelHealth health;

    CashierController(Orders orders, ChannelHealth health) {
        this.orders = orders;
        this.health = health;
    }

    @Operation(operationId = "getCashier", summary = "The channels the shopper may pay this order with now",
            description = "A failing channel is hidden (available=false) with the reason; it comes back once healthy.",
            security = {@SecurityRequirement(name = ApiDocs.BEARER), @SecurityRequirement(name = ApiDocs.OPERATOR)},
            responses = @ApiResponse(responseCode = "200", description = "The cashier", content = @Content(
                    schema = @Schema(implementation = CashierView.class), examples = @ExampleObject(name = "WeChat failing",
                    value = """
                            {"orderNo": "ORD20261206093012345K7QX0001", "amount": 39900, "channels": [
                             {"channel": "WECHAT", "available": false, "reason": "unhealthy: 50 % of recent trades failed (the floor is 80 % success), hidden for a while"},
                             {"channel": "ALIPAY", "available": true}]}"""))))
    @ProblemAnswers({ProblemCode.ORDER_NOT_FOUND, ProblemCode.ORDER_ALREADY_PAID, ProblemCode.ORDER_NOT_PAYABLE})
    @GetMapping("/api/cashier/{orderNo}")
    CashierView cashier(@PathVariable String orderNo) {
        OrderSummary order = orders.find(orderNo)
                .orElseThrow(() -> new ProblemException(ProblemCode.ORDER_NOT_FOUND, "No order " + orderNo));
        if (!Caller.mayRead(order.userId())) {
            throw new ProblemException(ProblemCode.ORDER_NOT_FOUND, "No order " + orderNo);
        }
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            throw new ProblemException(
                    order.status() == OrderStatus.PAID ? ProblemCode.ORDER_ALREADY_PAID : ProblemCode.ORDER_NOT_PAYABLE,
                    "Order " + orderNo + " is " + order.status());
        }
        return new CashierView(orderNo, order.totalAmount(), Arrays.stream(Channel.values())
                .map(channel -> health.offer(channel, orderNo))
                .map(offer -> new ChannelView(offer.channel().name(), offer.available(), offer.reason()))
                .toList());
    }
}
