package org.dualpay.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The paid-order benchmark: a JVM load generator that plays shoppers and WeChat Pay against a running
 * cluster. Not a test: it prints numbers. {@code deploy/bench/run.sh} runs both setups (AT and the
 * floor) and the report; this class does one of:
 *
 * <pre>
 *   run    --setup AT|floor --csv FILE [--levels 1,4,16,64] [--orders 240] [--duplicates 3] [--hot]
 *          [--warm-up-passes 12]
 *   report --csv FILE [--png FILE]
 * </pre>
 *
 * For each concurrency level of {@code run}: orders are opened and their WeChat trades started (not
 * measured), every notify is signed before the window opens, then {@code level} callers send them in a
 * closed loop. A first-time notify is verified, stored and applied in one global transaction over
 * payment, order and inventory before it is answered, so its latency is the whole paid-order flow.
 * Afterwards every order must read PAID within a minute; those that do not are failed orders.
 * {@code --duplicates R} sends each paid trade's notify R more times (a fresh nonce each, as a
 * channel's redelivery has); {@code --hot} repeats the first-time pass with every order on one SKU.
 */
public final class PaidOrderBench {

    /** Spread orders cycle over the catalogue's SKUs; hot orders all take the first. */
    static final List<String> SKUS = List.of("SKU-CABLE", "SKU-KEYBOARD", "SKU-MOUSE", "SKU-MONITOR", "SKU-HEADSET");
    private static final int SETUP_THREADS = 8;
    private static final Duration PAID_WITHIN = Duration.ofMinutes(1);
    private static final int WARM_UP_ORDERS = 400;
    private static final int WARM_UP_MIN_PASSES = 5;
    private static final int WARM_UP_PASSES = 12;

    private final Shop shop;
    private final WechatNotifies notifies;
    private final ClosedLoop loop;
    private final URI notifyTarget;

    private PaidOrderBench(Map<String, String> env) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.shop = new Shop(http, env);
        this.notifies = new WechatNotifies(env);
        this.loop = new ClosedLoop(http);
        this.notifyTarget = URI.create(shop.paymentUrl() + "/api/payments/notify/WECHAT");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        switch (args.length == 0 ? "" : args[0]) {
            case "run" -> new PaidOrderBench(System.getenv()).run(options);
            case "report" -> Report.print(Path.of(options.get("csv")),
                    options.containsKey("png") ? Path.of(options.get("png")) : null);
            default -> {
                System.err.println("usage: PaidOrderBench run --setup AT|floor --csv FILE [--levels 1,4,16,64] "
                        + "[--orders 240] [--duplicates 3] [--hot] [--warm-up-passes 12]\n       PaidOrderBench report --csv FILE [--png FILE]");
                System.exit(2);
            }
        }
    }

    private void run(Map<String, String> options) throws Exception {
        String setup = options.getOrDefault("setup", "AT");
        Path csv = Path.of(options.get("csv"));
        int[] levels = Arrays.stream(options.getOrDefault("levels", "1,4,16,64").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int orders = Integer.parseInt(options.getOrDefault("orders", "240"));
        int duplicates = Integer.parseInt(options.getOrDefault("duplicates", "0"));
        boolean hot = options.containsKey("hot");
        int warmUpPasses = Integer.parseInt(options.getOrDefault("warm-up-passes", String.valueOf(WARM_UP_PASSES)));
        if (!Files.exists(csv)) {
            Files.createDirectories(csv.toAbsolutePath().getParent());
            Files.writeString(csv, Row.HEADER + "\n");
        }
        Map<String, Long> stockBefore = new LinkedHashMap<>();
        for (String sku : SKUS) {
            stockBefore.put(sku, shop.stock(sku));
            shop.setStock(sku, 1_000_000);
        }
        try {
            warmUp(setup, warmUpPasses);
            for (int level : levels) {
                int count = Math.max(orders, 10 * level);
                List<Shop.Trade> trades = open(count, SKUS);
                Row first = measure(setup, "first-time", "spread", level, trades, 1, true);
                append(csv, first);
                if (duplicates > 0) {
                    append(csv, measure(setup, "duplicate", "spread", level, trades, duplicates, false));
                }
                if (hot) {
                    append(csv, measure(setup, "first-time", "hot", level, open(count, SKUS.subList(0, 1)), 1, true));
                }
            }
        } finally {
            stockBefore.forEach(shop::setStock);
        }
    }

    /**
     * Passes of {@link #WARM_UP_ORDERS} first-time payments at 16 callers, not counted: at least
     * {@link #WARM_UP_MIN_PASSES}, then until one is no more than 5 % faster than the best before it (at
     * most {@code passes}). Freshly started JVMs compile for thousands of requests: measured cold they
     * understate a setup by a third or more, and on 2 cores five JVMs compiling at once make single passes
     * noisy (a pass can dip by 10 % and the next one gain 20 %), hence the minimum and the best.
     * {@code --warm-up-passes 0} skips it (to look at one request's statements, say).
     */
    private void warmUp(String setup, int passes) throws Exception {
        double best = 0;
        for (int pass = 1; pass <= passes; pass++) {
            ClosedLoop.Result result = loop.run(notifyTarget, sign(open(WARM_UP_ORDERS, SKUS), 1), 16);
            System.out.printf("== %s: warm-up pass %d (%d orders, 16 callers, not counted): %.1f/s%n", setup, pass,
                    WARM_UP_ORDERS, result.throughput());
            if (pass >= Math.min(WARM_UP_MIN_PASSES, passes) && result.throughput() <= best * 1.05) {
                return;
            }
            best = Math.max(best, result.throughput());
        }
    }

    private Row measure(String setup, String path, String skus, int level, List<Shop.Trade> trades, int times,
            boolean awaitPaid) throws Exception {
        List<WechatNotifies.Signed> signed = sign(trades, times);
        // (a line to start a profiler on: the window opens now)
        System.out.printf("   %-5s %-10s %-6s x%-3d sending %d notifies%n", setup, path, skus, level, signed.size());
        ClosedLoop.Result result = loop.run(notifyTarget, signed, level);
        int failed = awaitPaid ? notPaid(trades) : 0;
        Row row = Row.of(setup, path, skus, level, result, failed);
        System.out.printf("   %-5s %-10s %-6s x%-3d %5d notifies in %6.2f s: %7.1f/s  p50 %7.1f  p95 %7.1f  "
                + "p99 %7.1f ms  errors %d  failed orders %d  cpu: generator %4.1f %%, cluster %4.1f %%%n",
                setup, path, skus, level, row.requests(), row.seconds(), row.throughput(), row.p50(), row.p95(),
                row.p99(), row.errors(), failed, 100 * row.generatorCpu(), 100 * row.clusterCpu());
        return row;
    }

    /** {@code count} orders opened and their WeChat trades started, cycling over {@code skus}. */
    private List<Shop.Trade> open(int count, List<String> skus) throws Exception {
        List<Callable<Shop.Trade>> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sku = skus.get(i % skus.size());
            String user = "bench-" + (i % 50);
            jobs.add(() -> shop.open(user, sku));
        }
        return all(jobs);
    }

    /**
     * Each trade's notify {@code times} times, a fresh nonce each time. The channel trade number is the
     * trade's own (derived from its out-trade-no), so a repeat is a redelivery of the same payment and not
     * a second payment of the trade, which payment-service would rightly take as an anomaly.
     */
    private List<WechatNotifies.Signed> sign(List<Shop.Trade> trades, int times) {
        List<WechatNotifies.Signed> signed = new ArrayList<>();
        for (int round = 0; round < times; round++) {
            for (Shop.Trade trade : trades) {
                signed.add(notifies.paid(trade, "4200" + trade.outTradeNo()));
            }
        }
        return signed;
    }

    /** How many of the orders still do not read PAID after {@link #PAID_WITHIN}. */
    private int notPaid(List<Shop.Trade> trades) throws Exception {
        long deadline = System.nanoTime() + PAID_WITHIN.toNanos();
        List<Shop.Trade> waiting = new ArrayList<>(trades);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            List<Callable<Boolean>> reads = waiting.stream()
                    .<Callable<Boolean>>map(t -> () -> "PAID".equals(shop.orderStatus(t))).toList();
            List<Boolean> paid = all(reads);
            List<Shop.Trade> still = new ArrayList<>();
            for (int i = 0; i < waiting.size(); i++) {
                if (!paid.get(i)) {
                    still.add(waiting.get(i));
                }
            }
            waiting = still;
            if (!waiting.isEmpty()) {
                Thread.sleep(500);
            }
        }
        return waiting.size();
    }

    private static <T> List<T> all(List<Callable<T>> jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(jobs)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    private static void append(Path csv, Row row) throws IOException {
        Files.writeString(csv, row.csv() + "\n", StandardOpenOption.APPEND);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 == args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        return options;
    }
}
