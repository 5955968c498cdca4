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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.error.ProblemException;
import org.dualpay.common.openapi.ApiDocs;
import org.dualpay.common.openapi.ProblemAnswers;
import org.dualpay.common.security.Caller;
import org.dualpay.order.application.OrderQueries;
import org.dualpay.order.application.PlaceOrder;
import org.dualpay.order.domain.OrderStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Tag(name = "orders", description = "A shopper's orders: create, read, list (cancel and refund: order lifecycle)")
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

    @Operation(operationId = "createOrder", summary = "Create an order for the calling shopper",
            description = "Prices come from the catalog; the order waits for payment (PENDING_PAYMENT) until its "
                    + "expireAt. The same Idempotency-Key with the same body answers the same order again (200).",
            security = @SecurityRequirement(name = ApiDocs.BEARER),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = CreateOrderRequest.class), examples = @ExampleObject(name = "one keyboard",
                    value = """
                            {"userId": "u-1", "items": [{"skuCode": "SKU-KEYBOARD", "quantity": 1}]}"""))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Created; Location names the order", content = @Content(
                        schema = @Schema(implementation = OrderView.class),
                        examples = @ExampleObject(name = "created", value = OrderView.EXAMPLE_PENDING))),
                @ApiResponse(responseCode = "200", description = "The order this Idempotency-Key created before",
                        content = @Content(schema = @Schema(implementation = OrderView.class)))})
    @ProblemAnswers({ProblemCode.VALIDATION_FAILED, ProblemCode.MALFORMED_REQUEST, ProblemCode.NOT_YOUR_ACCOUNT,
            ProblemCode.INSUFFICIENT_STOCK, ProblemCode.IDEMPOTENCY_KEY_REUSED, ProblemCode.UNKNOWN_SKU_IN_REQUEST})
    @PostMapping("/api/orders")
    ResponseEntity<OrderView> create(
            @Parameter(description = "Makes a retry safe: the same key and body answer the first result",
                    example = "5b0c2d0e-demo")
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

    @Operation(operationId = "getOrder", summary = "An order with its lines, its payment and its timeline",
            description = "A shopper reads their own orders (another's answers 404); the operator and services read any. "
                    + "The PAID row of the timeline carries the XID of the global transaction that paid it.",
            security = {@SecurityRequirement(name = ApiDocs.BEARER), @SecurityRequirement(name = ApiDocs.OPERATOR)},
            responses = @ApiResponse(responseCode = "200", description = "The order", content = @Content(
                    schema = @Schema(implementation = OrderView.class),
                    examples = @ExampleObject(name = "paid", value = OrderView.EXAMPLE_PAID))))
    @ProblemAnswers(ProblemCode.ORDER_NOT_FOUND)
    @GetMapping("/api/orders/{orderNo}")
    OrderView one(@PathVariable String orderNo) {
        // another shopper's order is not there for this caller
        return queries.find(orderNo).filter(order -> Caller.mayRead(order.userId())).map(OrderView::of)
                .orElseThrow(() -> new ProblemException(ProblemCode.ORDER_NOT_FOUND, "No order " + orderNo));
    }

    @Operation(operationId = "listOrders", summary = "A user's orders, newest first, one page at a time",
            security = {@SecurityRequirement(name = ApiDocs.BEARER), @SecurityRequirement(name = ApiDocs.OPERATOR)})
    @ProblemAnswers({ProblemCode.VALIDATION_FAILED, ProblemCode.NOT_YOUR_ACCOUNT})
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
