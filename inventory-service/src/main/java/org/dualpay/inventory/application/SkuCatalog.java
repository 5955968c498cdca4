package org.dualpay.inventory.application;

import java.util.List;
import java.util.Optional;

import io.seata.spring.annotation.GlobalLock;
import org.dualpay.inventory.domain.MovementKind;
import org.dualpay.inventory.domain.Sku;
import org.dualpay.inventory.domain.StockMovement;
import org.dualpay.inventory.infrastructure.SkuMapper;
import org.dualpay.inventory.infrastructure.SkuRow;
import org.dualpay.inventory.infrastructure.StockMovementMapper;
import org.dualpay.inventory.infrastructure.StockMovementRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class SkuCatalog {

    private static final Logger log = LoggerFactory.getLogger(SkuCatalog.class);

    private final SkuMapper skus;
    private final StockMovementMapper movements;

    public SkuCatalog(SkuMapper skus, StockMovementMapper movements) {
        this.skus = skus;
        this.movements = movements;
    }

    public List<Sku> all() {
        return skus.findAll().stream().map(SkuRow::toDomain).toList();
    }

    public Optional<Sku> find(String skuCode) {
        return Optional.ofNullable(skus.selectById(skuCode)).map(SkuRow::toDomain);
    }

    /** Every stock movement of an order, oldest first (deductions, restores). */
    public List<StockMovement> movementsOf(String orderNo) {
        return movements.allForOrder(orderNo).stream().map(StockMovementRow::toDomain).toList();
    }

    /**
     * Sets the stock of a SKU (tests, demos). This is a local writer of rows that AT branches also
     * write, so it runs under {@code @GlobalLock} with a locking read: Seata refuses it while a global
     * transaction that has not finished holds the row, and a later rollback of that transaction never
     * meets a value written here. The change is a SET movement, keeping the ledger whole.
     */
    @GlobalLock(lockRetryInterval = 50, lockRetryTimes = 100)
    @Transactional
    public Optional<Sku> setStock(String skuCode, int stock) {
        SkuRow row = skus.lockByCode(skuCode);
        if (row == null) {
            return Optional.empty();
        }
        int delta = stock - row.getStock();
        if (delta != 0) {
            skus.setStock(skuCode, stock);
            movements.insert(skuCode, MovementKind.SET, null, delta);
        }
        log.info("stock of {} set from {} to {}", skuCode, row.getStock(), stock);
        return Optional.of(new Sku(skuCode, row.getName(), row.getPrice(), stock));
    }
}
