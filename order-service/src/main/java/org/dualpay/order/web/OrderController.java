package org.dualpay.order.web;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.error.ProblemException;
import org.dualpay.common.security.Caller;
import org.dualpay.order.application.OrderQueries;
import org.dualpay.order.application.PlaceOrder;
import org.dualpay.order.domain.OrderStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Validated
class OrderController {

    record ItemRequest(
            @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "letters, digits, - and _ only") String skuCode,
            @NotNull @Min(1) @Max(999) Integer quantity) {
    }

    /** {@code paymentTimeoutSeconds}: how long the order waits for payment; the shop's default when absent. */
    record CreateOrderRequest(
            @NotBlank @Size(max = 64) String userId,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull ItemRequest> items,
            @Min(10) @Max(86_400) Integer paymentTimeoutSeconds) {
    }

    record PageView(List<OrderView> content, int page, int size, long totalElements) {
    }

    private final PlaceOrder placeOrder;
    private final OrderQueries queries;

    OrderController(PlaceOrder placeOrder, OrderQueries queries) {
        this.placeOrder = placeOrder;
        this.queries = queries;
    }

    @PostMapping("/api/orders")
    ResponseEntity<OrderView> create(
            @RequestHeader("Idempotency-Key") @NotBlank @Size(max = 128) String idempotencyKey,
            @Valid @RequestBody CreateOrderRequest request) {
        if (!Caller.shopper().orElse("").equals(request.userId())) {
            throw notYourAccount(request.userId());
        }
        if (new HashSet<>(request.items().stream().map(ItemRequest::skuCode).toList()).size() != request.items().size()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "Each SKU may appear once; give its total quantity.");
        }
        var command = new PlaceOrder.Command(idempotencyKey, request.userId(),
                request.items().stream().map(i -> new PlaceOrder.Line(i.skuCode(), i.quantity())).toList(),
                request.paymentTimeoutSeconds() == null ? null : Duration.ofSeconds(request.paymentTimeoutSeconds()));
        PlaceOrder.Outcome outcome = placeOrder.place(command);
        if (outcome instanceof PlaceOrder.Outcome.Created created) {
            var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{orderNo}")
                    .buildAndExpand(created.order().orderNo()).toUri();
            return ResponseEntity.created(location).body(OrderView.of(created.order()));
        }
        if (outcome instanceof PlaceOrder.Outcome.Repeated repeated) {
            return ResponseEntity.ok(OrderView.of(repeated.order()));
        }
        if (outcome instanceof PlaceOrder.Outcome.KeyReused) {
            throw new ProblemException(ProblemCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request.");
        }
        if (outcome instanceof PlaceOrder.Outcome.UnknownSku unknown) {
            throw new ProblemException(ProblemCode.UNKNOWN_SKU_IN_REQUEST,
                    "No SKU " + unknown.skuCode(), Map.of("skuCode", unknown.skuCode()));
        }
        var shortage = (PlaceOrder.Outcome.InsufficientStock) outcome;
        throw new ProblemException(ProblemCode.INSUFFICIENT_STOCK,
                "Only " + shortage.available() + " unit(s) of " + shortage.skuCode() + " left",
                Map.of("skuCode", shortage.skuCode(), "available", shortage.available()));
    }

    @GetMapping("/api/orders/{orderNo}")
    OrderView one(@PathVariable String orderNo) {
        // another shopper's order is not there for this caller
        return queries.find(orderNo).filter(order -> Caller.mayRead(order.userId())).map(OrderView::of)
                .orElseThrow(() -> new ProblemException(ProblemCode.ORDER_NOT_FOUND, "No order " + orderNo));
    }

    @GetMapping("/api/orders")
    PageView byUser(@RequestParam @NotBlank String userId, @RequestParam(required = false) OrderStatus status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        if (!Caller.mayRead(userId)) {
            throw notYourAccount(userId);
        }
        OrderQueries.Page result = queries.byUser(userId, status, page, size);
        return new PageView(result.content().stream().map(OrderView::of).toList(), result.page(), result.size(),
                result.totalElements());
    }

    static ProblemException notYourAccount(String userId) {
        return new ProblemException(ProblemCode.NOT_YOUR_ACCOUNT,
                "The credential names another user than " + userId);
    }
}
