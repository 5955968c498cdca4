package org.dualpay.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the machine's cores went over a window: the share this process (the load generator) took
 * and the share everything else (the cluster) took, each as a fraction of all cores. Read from
 * Linux's {@code /proc/stat} and the JVM's own CPU time.
 */
final class CpuMeter {

    /** Shares of all cores over a window, 0..1. */
    record Shares(double generator, double rest) {
    }

    private static final double TICK = 0.01; // USER_HZ: /proc/stat counts hundredths of a second

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private long startNanos;
    private long startOwnNanos;
    private double startBusySeconds;

    void start() {
        startNanos = System.nanoTime();
        startOwnNanos = os.getProcessCpuTime();
        startBusySeconds = machineBusySeconds();
    }

    Shares stop() {
        double wall = (System.nanoTime() - startNanos) / 1e9 * cores;
        double own = (os.getProcessCpuTime() - startOwnNanos) / 1e9;
        double busy = machineBusySeconds() - startBusySeconds;
        return new Shares(own / wall, Math.max(0, busy - own) / wall);
    }

    /** Seconds all cores spent on anything but idle and I/O wait since boot. */
    private static double machineBusySeconds() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy * TICK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN; // not Linux: the shares print as NaN
        }
    }
}
