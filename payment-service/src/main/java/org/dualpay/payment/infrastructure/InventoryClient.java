package org.dualpay.payment.infrastructure;

import java.util.List;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
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

    record RestoreView(String orderNo, String outcome) {
    }

    @PostMapping("/internal/stock/restorations/{orderNo}")
    RestoreView restore(@PathVariable("orderNo") String orderNo);

    @PostMapping("/internal/stock/deductions")
    DeductView deduct(@RequestBody DeductRequest request);
}
