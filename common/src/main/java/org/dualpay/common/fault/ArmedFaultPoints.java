package org.dualpay.common.fault;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fault points of an instance running with fault injection enabled. Thread-safe. */
public class ArmedFaultPoints implements FaultPoints {

    private static final Logger log = LoggerFactory.getLogger(ArmedFaultPoints.class);

    /** What a tester armed at one point. {@code remaining} below zero means no limit. */
    public record Fault(FaultMode mode, long delayMs, double probability, AtomicInteger remaining) {

        public Map<String, Object> view() {
            return Map.of("mode", mode, "delayMs", delayMs, "probability", probability,
                    "remaining", remaining.get() < 0 ? "unlimited" : remaining.get());
        }
    }

    private final Map<String, Fault> armed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> fired = new ConcurrentHashMap<>();

    public void arm(String point, FaultMode mode, long delayMs, double probability, int times) {
        if (probability <= 0 || probability > 1) {
            throw new IllegalArgumentException("probability must be in (0, 1]");
        }
        if (mode == FaultMode.DELAY && delayMs <= 0) {
            throw new IllegalArgumentException("DELAY needs delayMs > 0");
        }
        armed.put(point, new Fault(mode, delayMs, probability, new AtomicInteger(times <= 0 ? -1 : times)));
        log.warn("fault point {} armed: {} delayMs={} probability={} times={}", point, mode, delayMs, probability,
                times <= 0 ? "unlimited" : times);
    }

    public void disarmAll() {
        armed.clear();
        log.warn("all fault points disarmed");
    }

    public Map<String, Object> describe() {
        Map<String, Object> points = new TreeMap<>();
        armed.forEach((point, fault) -> points.put(point, fault.view()));
        Map<String, Long> counts = new TreeMap<>();
        fired.forEach((point, count) -> counts.put(point, count.get()));
        return Map.of("armed", points, "fired", counts);
    }

    @Override
    public void hit(String point) {
        Fault fault = armed.get(point);
        if (fault == null || !shouldFire(point, fault)) {
            return;
        }
        fired.computeIfAbsent(point, p -> new AtomicLong()).incrementAndGet();
        log.warn("fault point {} fired: {}", point, fault.mode());
        switch (fault.mode()) {
            case EXCEPTION -> throw new InjectedFault(point);
            case DELAY -> sleep(fault.delayMs());
            case HALT -> Runtime.getRuntime().halt(137);
        }
    }

    private boolean shouldFire(String point, Fault fault) {
        if (fault.probability() < 1 && ThreadLocalRandom.current().nextDouble() >= fault.probability()) {
            return false;
        }
        if (fault.remaining().get() < 0) {
            return true;
        }
        int left = fault.remaining().getAndDecrement();
        if (left <= 1) {
            armed.remove(point, fault);
        }
        return left > 0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
