package org.dualpay.inventory.application;

import org.dualpay.inventory.InventoryFaultPoint;
import java.util.List;

import io.seata.core.context.RootContext;
import org.dualpay.common.fault.FaultPoints;
import org.dualpay.inventory.domain.DeductionOutcome;
import org.dualpay.inventory.domain.MovementKind;
import org.dualpay.inventory.domain.StockLine;
import org.dualpay.inventory.infrastructure.SkuMapper;
import org.dualpay.inventory.infrastructure.StockMovementMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Deducts the stock of a paid order: the inventory branch of the payment's global transaction.
 *
 * <p>Idempotent per order: a DEDUCT movement already recorded for the order means done. That check
 * reads committed data only because the SKU rows are locked first: under AT the locking read waits
 * for any unfinished global transaction that changed them. (Without it, found by the chaos
 * scenario halt-before-commit: a retry saw the DEDUCT row of a transaction the TC was rolling back,
 * skipped its own deduction, and the order ended PAID with no stock taken.) Each SKU goes down in
 * one conditional statement, in code order, so that two orders sharing SKUs lock them alike. A
 * refusal rolls this local transaction back and is returned as an outcome; the caller then rolls
 * the global transaction back.
 */
@Service
public class DeductStock {

    private static final Logger log = LoggerFactory.getLogger(DeductStock.class);

    private final SkuMapper skus;
    private final StockMovementMapper movements;
    private final FaultPoints faults;

    public DeductStock(SkuMapper skus, StockMovementMapper movements, FaultPoints faults) {
        this.skus = skus;
        this.movements = movements;
        this.faults = faults;
    }

    @Transactional
    public DeductionOutcome deduct(String orderNo, List<StockLine> lines) {
        List<StockLine> ordered = StockLine.inLockOrder(lines);
        skus.lockAll(ordered.stream().map(StockLine::skuCode).toList());
        if (movements.countForOrder(orderNo, MovementKind.DEDUCT) > 0) {
            log.info("stock of order {} already deducted, xid={}", orderNo, RootContext.getXID());
            return new DeductionOutcome.AlreadyDeducted(orderNo);
        }
        for (StockLine line : ordered) {
            if (skus.deduct(line.skuCode(), line.quantity()) == 0) {
                TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
                DeductionOutcome refusal = skus.selectById(line.skuCode()) == null
                        ? new DeductionOutcome.UnknownSku(line.skuCode())
                        : new DeductionOutcome.InsufficientStock(line.skuCode(), line.quantity());
                log.info("stock of order {} not deducted: {}, xid={}", orderNo, refusal, RootContext.getXID());
                return refusal;
            }
            movements.insert(line.skuCode(), MovementKind.DEDUCT, orderNo, -line.quantity());
        }
        faults.hit(InventoryFaultPoint.DEDUCT_AFTER_UPDATE);
        log.info("stock of order {} deducted: {}, xid={}", orderNo, lines, RootContext.getXID());
        return new DeductionOutcome.Deducted(orderNo);
    }
}
