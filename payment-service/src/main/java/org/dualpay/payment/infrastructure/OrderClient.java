package org.dualpay.payment.infrastructure;

import java.time.Instant;
import java.util.List;

import org.dualpay.common.channel.Channel;
import org.dualpay.payment.domain.OrderStatus;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** What payment-service needs of order-service; the records hold only the fields it reads. */
@FeignClient(name = "order-service")
public interface OrderClient {

    record Item(String skuCode, int quantity) {
    }

    record OrderView(String orderNo, String userId, OrderStatus status, long totalAmount, Instant expireAt, List<Item> items) {
    }

    record PaymentSuccess(String outTradeNo, Channel channel, String channelTradeNo, long amount, Instant paidAt) {
    }

    record MarkPaidView(String orderNo, OrderStatus status, boolean alreadyApplied, OrderView order) {
    }

    record MoveRequest(OrderStatus to, String reason, String detail) {
    }

    record MoveView(String orderNo, OrderStatus status, boolean moved) {
    }

    /** A move of the order's state machine; 409 ILLEGAL_TRANSITION when the order cannot make it. */
    @PostMapping("/internal/orders/{orderNo}/moves")
    MoveView move(@PathVariable("orderNo") String orderNo, @RequestBody MoveRequest request);

    @GetMapping("/api/orders/{orderNo}")
    OrderView order(@PathVariable("orderNo") String orderNo);

    @PostMapping("/internal/orders/{orderNo}/payment-success")
    MarkPaidView paymentSuccess(@PathVariable("orderNo") String orderNo, @RequestBody PaymentSuccess payment);
}
