package org.dualpay.inventory.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.error.ProblemException;
import org.dualpay.common.openapi.ApiDocs;
import org.dualpay.common.openapi.ProblemAnswers;
import org.dualpay.inventory.application.SkuCatalog;
import org.dualpay.inventory.domain.Sku;
import org.dualpay.inventory.domain.StockMovement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "skus", description = "The catalog: price in fen and stock; public to read, stock set by the operator")
class SkuController {

    record SkuView(String skuCode, String name, long price, int stock) {
        static SkuView of(Sku sku) {
            return new SkuView(sku.skuCode(), sku.name(), sku.price(), sku.stock());
        }
    }

    record SetStockRequest(@NotNull @Min(0) @Max(1_000_000) Integer stock) {
    }

    private final SkuCatalog catalog;

    SkuController(SkuCatalog catalog) {
        this.catalog = catalog;
    }

    @Operation(operationId = "listSkus", summary = "Every SKU with its price (fen) and stock", description = "Public.",
            responses = @ApiResponse(responseCode = "200", description = "The catalog", content = @Content(
                    array = @ArraySchema(schema = @Schema(implementation = SkuView.class)),
                    examples = @ExampleObject(name = "catalog", value = """
                            [{"skuCode": "SKU-CABLE", "name": "USB-C cable", "price": 2900, "stock": 5000},
                             {"skuCode": "SKU-KEYBOARD", "name": "Mechanical keyboard", "price": 39900, "stock": 1000}]"""))))
    @GetMapping("/api/skus")
    List<SkuView> all() {
        return catalog.all().stream().map(SkuView::of).toList();
    }

    @Operation(operationId = "getSku", summary = "One SKU", description = "Public.",
            responses = @ApiResponse(responseCode = "200", description = "The SKU", content = @Content(
                    schema = @Schema(implementation = SkuView.class), examples = @ExampleObject(name = "keyboard",
                    value = """
                            {"skuCode": "SKU-KEYBOARD", "name": "Mechanical keyboard", "price": 39900, "stock": 1000}"""))))
    @ProblemAnswers(ProblemCode.SKU_NOT_FOUND)
    @GetMapping("/api/skus/{skuCode}")
    SkuView one(@PathVariable String skuCode) {
        return catalog.find(skuCode).map(SkuView::of).orElseThrow(() -> unknown(skuCode));
    }

    @Operation(operationId = "setStock", summary = "Set a SKU's stock (the operator)",
            description = "Recorded in the stock ledger as an admin set, so that the ledger still balances.",
            security = @SecurityRequirement(name = ApiDocs.OPERATOR),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = SetStockRequest.class), examples = @ExampleObject(name = "restock",
                    value = """
                            {"stock": 100}"""))),
            responses = @ApiResponse(responseCode = "200", description = "The SKU with its new stock", content = @Content(
                    schema = @Schema(implementation = SkuView.class), examples = @ExampleObject(name = "restocked",
                    value = """
                            {"skuCode": "SKU-KEYBOARD", "name": "Mechanical keyboard", "price": 39900, "stock": 100}"""))))
    @ProblemAnswers({ProblemCode.VALIDATION_FAILED, ProblemCode.MALFORMED_REQUEST, ProblemCode.SKU_NOT_FOUND})
    @PutMapping("/api/admin/skus/{skuCode}/stock")
    SkuView setStock(@PathVariable String skuCode, @Valid @RequestBody SetStockRequest request) {
        return catalog.setStock(skuCode, request.stock()).map(SkuView::of).orElseThrow(() -> unknown(skuCode));
    }

    record MovementView(long id, String skuCode, String kind, String orderNo, int delta, Instant createdAt) {
        static MovementView of(StockMovement m) {
            return new MovementView(m.id(), m.skuCode(), m.kind(), m.orderNo(), m.delta(), m.createdAt());
        }
    }

    /** The stock ledger's rows of one order (the operator's console): read-only. */
    @Operation(operationId = "stockMovements", summary = "The stock ledger's rows of one order (the console)",
            security = @SecurityRequirement(name = ApiDocs.OPERATOR))
    @ProblemAnswers(ProblemCode.VALIDATION_FAILED)
    @GetMapping("/api/admin/stock-movements")
    List<MovementView> movements(@RequestParam @NotBlank @Size(max = 40) String orderNo) {
        return catalog.movementsOf(orderNo).stream().map(MovementView::of).toList();
    }

    private static ProblemException unknown(String skuCode) {
        return new ProblemException(ProblemCode.SKU_NOT_FOUND, "No SKU " + skuCode);
    }
}
