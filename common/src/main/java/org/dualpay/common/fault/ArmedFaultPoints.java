package org.dualpay.common.fault;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault points of an instance running with fault injection enabled. It knows the names its
 * service declared ({@link FaultPointCatalog}) and refuses to arm any other. Thread-safe.
 */
public class ArmedFaultPoints implements FaultPoints {

    private static final Logger log = LoggerFactory.getLogger(ArmedFaultPoints.class);

    /** What a tester armed at one point. {@code remaining} below zero means no limit. */
    public record Fault(FaultMode mode, long delayMs, double probability, AtomicInteger remaining) {

        public Map<String, Object> view() {
            return Map.of("mode", mode, "delayMs", delayMs, "probability", probability,
                    "remaining", remaining.get() < 0 ? "unlimited" : remaining.get());
        }
    }

    private final Set<String> known;
    private final Map<String, Fault> armed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> fired = new ConcurrentHashMap<>();

    public ArmedFaultPoints(Collection<? extends FaultPoint> known) {
        Set<String> names = new TreeSet<>();
        known.forEach(point -> names.add(point.id()));
        this.known = Set.copyOf(names);
    }

    /** @throws UnknownFaultPointException when this service has no such point */
    public void arm(String point, FaultSpec spec) {
        if (!known.contains(point)) {
            throw new UnknownFaultPointException(point, known);
        }
        armed.put(point, new Fault(spec.mode(), spec.delayMs(), spec.probability(),
                new AtomicInteger(spec.unlimited() ? -1 : spec.times())));
        log.warn("fault point {} armed: {} delayMs={} probability={} times={}", point, spec.mode(), spec.delayMs(),
                spec.probability(), spec.unlimited() ? "unlimited" : spec.times());
    }

    public Set<String> known() {
        return known;
    }

    public void disarmAll() {
        armed.clear();
        log.warn("all fault points disarmed");
    }

    /**
     * {@code armed} (what is armed, by point), {@code fired} (the points that fired, how often), and
     * {@code points}: every point this service knows, armed or not, with how often it fired.
     */
    public Map<String, Object> describe() {
        Map<String, Object> points = new TreeMap<>();
        armed.forEach((point, fault) -> points.put(point, fault.view()));
        Map<String, Long> counts = new TreeMap<>();
        fired.forEach((point, count) -> counts.put(point, count.get()));
        Map<String, Object> all = new TreeMap<>();
        for (String point : known) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("armed", armed.containsKey(point));
            state.put("fired", counts.getOrDefault(point, 0L));
            all.put(point, state);
        }
        return Map.of("armed", points, "fired", counts, "points", all);
    }

    @Override
    public void hit(FaultPoint faultPoint) {
        String point = faultPoint.id();
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
