package org.dualpay.inventory.application;

import java.util.List;
import java.util.Map;

import io.seata.core.context.RootContext;
import org.dualpay.inventory.domain.MovementKind;
import org.dualpay.inventory.infrastructure.SkuMapper;
import org.dualpay.inventory.infrastructure.StockMovementMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives back the stock of a refunded order: the inventory branch of the refund's global transaction.
 * It restores exactly what the order's DEDUCT movements took, once (a RESTORE movement per SKU is the
 * idempotency guard), and nothing for an order whose stock was never deducted.
 */
@Service
public class RestoreStock {

    private static final Logger log = LoggerFactory.getLogger(RestoreStock.class);

    public enum Outcome {
        RESTORED,
        ALREADY_RESTORED,
        NOTHING_DEDUCTED
    }

    private final SkuMapper skus;
    private final StockMovementMapper movements;

    public RestoreStock(SkuMapper skus, StockMovementMapper movements) {
        this.skus = skus;
        this.movements = movements;
    }

    @Transactional
    public Outcome restore(String orderNo) {
        List<Map<String, Object>> deducted = movements.forOrder(orderNo, MovementKind.DEDUCT);
        if (deducted.isEmpty()) {
            return Outcome.NOTHING_DEDUCTED;
        }
        // As in DeductStock: the SKU rows' locks make the ledger read below a committed one.
        skus.lockAll(deducted.stream().map(row -> (String) row.get("sku_code")).sorted().toList());
        if (movements.countForOrder(orderNo, MovementKind.RESTORE) > 0) {
            return Outcome.ALREADY_RESTORED;
        }
        for (Map<String, Object> row : deducted) {
            String skuCode = (String) row.get("sku_code");
            int quantity = -((Number) row.get("delta")).intValue();
            skus.restore(skuCode, quantity);
            movements.insert(skuCode, MovementKind.RESTORE, orderNo, quantity);
        }
        log.info("stock of order {} restored: {}, xid={}", orderNo, deducted, RootContext.getXID());
        return Outcome.RESTORED;
    }
}
