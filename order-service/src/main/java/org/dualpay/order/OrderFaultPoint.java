package org.dualpay.order;

import org.dualpay.common.fault.FaultPoint;

/**
 * Every fault point of order-service ({@code POST /actuator/faults/{id}} with the chaos profile).
 * The ids are armed by name in deploy/chaos and deploy/cluster-tests: never rename one.
 */
public enum OrderFaultPoint implements FaultPoint {
    /** the order branch made the order PAID and wrote its timeline; the branch has not returned */
    MARK_PAID_AFTER_UPDATE("order.mark-paid.after-update");

    private final String id;

    OrderFaultPoint(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
