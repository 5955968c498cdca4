package org.dualpay.payment.infrastructure;

import java.util.List;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@FeignClient(name = "inventory-service")
public interface InventoryClient {

    record Line(String skuCode, int quantity) {
    }

    record DeductRequest(String orderNo, List<Line> items) {
    }

    record DeductView(String orderNo, boolean alreadyDeducted) {
    }

    @PostMapping("/internal/stock/deductions")
    DeductView deduct(@RequestBody DeductRequest request);
}
