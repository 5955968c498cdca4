package org.dualpay.payment;

import org.dualpay.common.fault.FaultPoint;

/**
 * Every fault point of payment-service ({@code POST /actuator/faults/{id}} with the chaos profile).
 * The ids are armed by name in deploy/chaos and deploy/cluster-tests: never rename one.
 */
public enum PaymentFaultPoint implements FaultPoint {
    /** the confirm-payment global transaction began; the order branch has not run */
    CONFIRM_BEFORE_ORDER("payment.confirm.before-order"),
    /** the order and payment branches ran; the inventory branch has not */
    CONFIRM_BEFORE_INVENTORY("payment.confirm.before-inventory"),
    /** every branch ran; the global commit has not been asked for */
    CONFIRM_BEFORE_COMMIT("payment.confirm.before-commit"),
    /** a notify is stored in the inbox; the channel is not answered yet and it is not processed */
    INBOX_AFTER_STORE("payment.inbox.after-store"),
    /** an inbox row is claimed; its processing has not begun */
    INBOX_BEFORE_PROCESS("payment.inbox.before-process"),
    /** the refund TCC branches' try (both actions) */
    REFUND_TRY("payment.refund.try"),
    /** the refund TCC branches' confirm */
    REFUND_CONFIRM("payment.refund.confirm"),
    /** the refund TCC branches' cancel */
    REFUND_CANCEL("payment.refund.cancel"),
    /** the refund dispatcher, before it calls the channel */
    REFUND_DISPATCH("payment.refund.dispatch");

    private final String id;

    PaymentFaultPoint(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
