package org.dualpay.order.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.openapi.ApiDocs;
import org.dualpay.common.openapi.ProblemAnswers;
import org.dualpay.order.application.OrderQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator's read of every shopper's orders (the console's order list); read-only. */
@Tag(name = "orders")
@RestController
class OrderAdminController {

    private final OrderQueries queries;

    OrderAdminController(OrderQueries queries) {
        this.queries = queries;
    }

    /** The latest orders across all shoppers, newest first, each with its payment and timeline. */
    @Operation(operationId = "latestOrders", summary = "The latest orders of every shopper, newest first (the console)",
            description = "At most `limit` (1 to 100) orders, each with its payment and timeline.",
            security = @SecurityRequirement(name = ApiDocs.OPERATOR))
    @ProblemAnswers(ProblemCode.VALIDATION_FAILED)
    @GetMapping("/api/admin/orders")
    List<OrderView> latest(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return queries.latest(limit).stream().map(OrderView::of).toList();
    }
}
