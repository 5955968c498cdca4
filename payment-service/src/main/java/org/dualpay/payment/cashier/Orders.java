package org.dualpay.payment.cashier;

import java.util.Optional;

import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.error.RemoteProblemException;
import org.dualpay.payment.domain.OrderSummary;
import org.dualpay.payment.infrastructure.OrderClient;
import org.springframework.stereotype.Component;

/** The orders the cashier pays, read from order-service. */
@Component
public class Orders {

    private final OrderClient orders;

    Orders(OrderClient orders) {
        this.orders = orders;
    }

    /** The order, or empty when order-service does not know it (404). */
    public Optional<OrderSummary> find(String orderNo) {
        try {
            OrderClient.OrderView order = orders.order(orderNo);
            return Optional.of(new OrderSummary(order.orderNo(), order.userId(), order.status(), order.totalAmount(),
                    order.expireAt()));
        } catch (RemoteProblemException e) {
            if (e.status() == ProblemCode.ORDER_NOT_FOUND.status().value()) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
