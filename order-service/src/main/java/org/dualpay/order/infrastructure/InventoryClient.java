package org.dualpay.order.infrastructure;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** What order-service reads from inventory-service: the SKU with its current price and stock. */
@FeignClient(name = "inventory-service")
public interface InventoryClient {

    record SkuView(String skuCode, String name, long price, int stock) {
    }

    @GetMapping("/api/skus/{skuCode}")
    SkuView sku(@PathVariable("skuCode") String skuCode);
}
