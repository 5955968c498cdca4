package org.dualpay.inventory.web;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.error.ProblemException;
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

    @GetMapping("/api/skus")
    List<SkuView> all() {
        return catalog.all().stream().map(SkuView::of).toList();
    }

    @GetMapping("/api/skus/{skuCode}")
    SkuView one(@PathVariable String skuCode) {
        return catalog.find(skuCode).map(SkuView::of).orElseThrow(() -> unknown(skuCode));
    }

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
    @GetMapping("/api/admin/stock-movements")
    List<MovementView> movements(@RequestParam @NotBlank @Size(max = 40) String orderNo) {
        return catalog.movementsOf(orderNo).stream().map(MovementView::of).toList();
    }

    private static ProblemException unknown(String skuCode) {
        return new ProblemException(ProblemCode.SKU_NOT_FOUND, "No SKU " + skuCode);
    }
}
