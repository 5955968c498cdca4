package org.dualpay.common.fault;

public enum FaultMode {
    /** throw {@link InjectedFault} at the point */
    EXCEPTION,
    /** sleep {@code delayMs} at the point, then go on */
    DELAY,
    /** stop the JVM at once, as a crash would: no shutdown hooks, no finally blocks */
    HALT
}
