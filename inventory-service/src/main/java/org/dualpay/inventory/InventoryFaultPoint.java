package org.dualpay.inventory;

import org.dualpay.common.fault.FaultPoint;

/**
 * Every fault point of inventory-service ({@code POST /actuator/faults/{id}} with the chaos profile).
 * The ids are armed by name in deploy/chaos and deploy/cluster-tests: never rename one.
 */
public enum InventoryFaultPoint implements FaultPoint {
    /** the inventory branch took the stock and wrote its movements; the branch has not returned */
    DEDUCT_AFTER_UPDATE("inventory.deduct.after-update");

    private final String id;

    InventoryFaultPoint(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
