package org.dualpay.order.application;

import java.util.List;
import java.util.Optional;

import org.dualpay.order.domain.Order;
import org.dualpay.order.domain.OrderStatus;
import org.dualpay.order.infrastructure.OrderStore;
import org.springframework.stereotype.Service;

@Service
public class OrderQueries {

    public record Page(List<Order> content, int page, int size, long totalElements) {
    }

    private final OrderStore store;

    public OrderQueries(OrderStore store) {
        this.store = store;
    }

    public Optional<Order> find(String orderNo) {
        return store.find(orderNo);
    }

    /** The latest orders of every shopper, newest first: the operator's view. */
    public List<Order> latest(int limit) {
        return store.latest(limit);
    }

    public Page byUser(String userId, OrderStatus status, int page, int size) {
        return new Page(store.page(userId, status, page, size), page, size, store.count(userId, status));
    }
}
