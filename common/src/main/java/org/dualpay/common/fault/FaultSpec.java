package org.dualpay.common.fault;

/**
 * What a tester asks for when arming a point ({@code {mode, delayMs, probability, times}}), with the
 * defaults filled in: no delay, probability 1, no limit ({@code times} 0 or absent).
 */
public record FaultSpec(FaultMode mode, long delayMs, double probability, int times) {

    public FaultSpec {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required: one of EXCEPTION, DELAY, HALT");
        }
        if (probability <= 0 || probability > 1) {
            throw new IllegalArgumentException("probability must be in (0, 1]");
        }
        if (mode == FaultMode.DELAY && delayMs <= 0) {
            throw new IllegalArgumentException("DELAY needs delayMs > 0");
        }
        times = Math.max(times, 0);
    }

    /** The request as the endpoint receives it: any of the optional members may be absent. */
    public static FaultSpec of(FaultMode mode, Long delayMs, Double probability, Integer times) {
        return new FaultSpec(mode, delayMs == null ? 0 : delayMs, probability == null ? 1.0 : probability,
                times == null ? 0 : times);
    }

    public boolean unlimited() {
        return times == 0;
    }
}
