package org.dualpay.bench;

import java.util.List;
import java.util.Locale;

/**
 * One measured pass, as a line of the results' CSV.
 *
 * @param setup        {@code AT} (Seata on: one global transaction per payment) or {@code floor} (Seata
 *                     off in the three services: local transactions only)
 * @param path         {@code first-time} (a fresh payment) or {@code duplicate} (a payment notified again)
 * @param skus         {@code spread} (orders cycle over several SKUs) or {@code hot} (every order on one)
 * @param failedOrders orders not PAID a minute after their notify was answered
 * @param generatorCpu the load generator's share of all cores while it ran (0..1)
 * @param clusterCpu   everything else's share: what the cluster got (0..1)
 */
record Row(String setup, String path, String skus, int concurrency, int requests, int errors, int failedOrders,
        double seconds, double throughput, double p50, double p95, double p99, double generatorCpu,
        double clusterCpu) {

    static final String HEADER = "setup,path,skus,concurrency,requests,errors,failed_orders,seconds,throughput,"
            + "p50_ms,p95_ms,p99_ms,generator_cpu,cluster_cpu";

    static Row of(String setup, String path, String skus, int concurrency, ClosedLoop.Result result, int failedOrders) {
        return new Row(setup, path, skus, concurrency, result.requests(), result.errors(), failedOrders,
                result.seconds(), result.throughput(), result.millis(50), result.millis(95), result.millis(99),
                result.cpu().generator(), result.cpu().rest());
    }

    String csv() {
        return String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%d,%.2f,%.1f,%.1f,%.1f,%.1f,%.3f,%.3f", setup, path, skus,
                concurrency, requests, errors, failedOrders, seconds, throughput, p50, p95, p99, generatorCpu,
                clusterCpu);
    }

    static Row parse(String line) {
        List<String> f = List.of(line.split(","));
        return new Row(f.get(0), f.get(1), f.get(2), Integer.parseInt(f.get(3)), Integer.parseInt(f.get(4)),
                Integer.parseInt(f.get(5)), Integer.parseInt(f.get(6)), Double.parseDouble(f.get(7)),
                Double.parseDouble(f.get(8)), Double.parseDouble(f.get(9)), Double.parseDouble(f.get(10)),
                Double.parseDouble(f.get(11)), Double.parseDouble(f.get(12)), Double.parseDouble(f.get(13)));
    }
}
