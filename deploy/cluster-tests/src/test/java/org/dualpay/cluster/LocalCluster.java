package org.dualpay.cluster;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local cluster of plain processes ({@code deploy/local/cluster.sh}), given in the environment
 * as {@code cluster.sh env} prints it: logs are files in {@code CLUSTER_LOG_DIR}, and
 * {@code CLUSTER_CTL} is the script that starts, stops and thaws its processes.
 */
final class LocalCluster implements Deployment {

    private final Path logDir;
    private final String clusterCtl = System.getenv().getOrDefault("CLUSTER_CTL", "");

    LocalCluster() {
        String dir = System.getenv("CLUSTER_LOG_DIR");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("CLUSTER_LOG_DIR is not set: run the scenarios with deploy/local/test.sh, "
                    + "or eval \"$(deploy/local/cluster.sh env)\" first");
        }
        logDir = Path.of(dir);
    }

    /** A cluster is given when its first address is. */
    static boolean given() {
        String order = System.getenv("ORDER_URL");
        return order != null && !order.isBlank();
    }

    @Override
    public String setting(String name) {
        return System.getenv(name);
    }

    @Override
    public Object logMark(String component) {
        Path file = logDir.resolve(component + ".log");
        try {
            return Files.exists(file) ? Files.size(file) : 0L;
        } catch (IOException e) {
            return 0L;
        }
    }

    @Override
    public String logSince(String component, Object mark) {
        Path file = logDir.resolve(component + ".log");
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.min(mark instanceof Long offset ? offset : 0L, in.length());
            byte[] bytes = new byte[(int) (in.length() - from)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read the log of " + component + " in " + logDir, e);
        }
    }

    /** Every process of the local cluster registers with SERVICE_IP=127.0.0.1. */
    @Override
    public java.util.Set<String> registrableIps(String service) {
        return java.util.Set.of("127.0.0.1");
    }

    /**
     * {@code cluster.sh status}, and {@code cluster.sh up} only when something is not running: it
     * starts only what does not run, thaws what is frozen, and waits for health however slowly a
     * loaded instance answers.
     */
    @Override
    public void ensureAllRunning() {
        if (clusterCtl.isBlank() || run(false, "status") == 0) {
            return;
        }
        int exit = run(true, "up");
        if (exit != 0) {
            throw new AssertionError("cluster.sh up failed (exit " + exit + ")");
        }
    }

    /** Runs cluster.sh (no rebuilds) and returns its exit code; its output is shown or dropped. */
    private int run(boolean show, String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("bash", clusterCtl));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("SKIP_BUILD", "1");
            if (show) {
                builder.inheritIO();
            } else {
                builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            }
            Process process = builder.start();
            if (!process.waitFor(240, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("cluster.sh " + String.join(" ", args) + " did not finish in 240 s");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
