package org.dualpay.order.web;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.dualpay.order.application.OrderQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator's read of every shopper's orders (the console's order list); read-only. */
@RestController
class OrderAdminController {

    private final OrderQueries queries;

    OrderAdminController(OrderQueries queries) {
        this.queries = queries;
    }

    /** The latest orders across all shoppers, newest first, each with its payment and timeline. */
    @GetMapping("/api/admin/orders")
    List<OrderView> latest(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return queries.latest(limit).stream().map(OrderView::of).toList();
    }
}
