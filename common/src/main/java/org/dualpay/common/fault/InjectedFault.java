package org.dualpay.common.fault;

/** Thrown by an armed fault point in {@link FaultMode#EXCEPTION} mode. */
public class InjectedFault extends RuntimeException {

    public InjectedFault(String point) {
        super("fault injected at " + point);
    }
}
