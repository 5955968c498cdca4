package org.dualpay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The results of one benchmark run as a reader wants them: every pass, then per concurrency level the
 * ratios the project tracks (AT against the floor, a hot SKU against spread SKUs, the duplicate path
 * against first-time payments), as Markdown tables; and a chart of throughput against concurrency.
 */
final class Report {

    private Report() {
    }

    static void print(Path csv, Path png) throws IOException {
        List<Row> rows = Files.readAllLines(csv).stream().skip(1).filter(l -> !l.isBlank()).map(Row::parse).toList();
        System.out.println(passes(rows));
        System.out.println(ratios(rows));
        if (png != null) {
            chart(rows, png);
            System.out.println("chart: " + png);
        }
    }

    static String passes(List<Row> rows) {
        StringBuilder out = new StringBuilder(
                "| setup | path | SKUs | callers | notifies | per second | p50 ms | p95 ms | p99 ms | errors | failed orders "
                        + "| generator CPU | cluster CPU |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %d | %d | %.0f %% | %.0f %% |%n",
                    r.setup(), r.path(), r.skus(), r.concurrency(), r.requests(), r.throughput(), r.p50(), r.p95(),
                    r.p99(), r.errors(), r.failedOrders(), 100 * r.generatorCpu(), 100 * r.clusterCpu()));
        }
        return out.toString();
    }

    static String ratios(List<Row> rows) {
        StringBuilder out = new StringBuilder(
                "| callers | AT / floor | hot / spread (AT) | duplicate / first-time (AT) |\n|---:|---:|---:|---:|\n");
        for (int level : new TreeSet<>(rows.stream().map(Row::concurrency).toList())) {
            out.append(String.format(Locale.ROOT, "| %d | %s | %s | %s |%n", level,
                    ratio(find(rows, "AT", "first-time", "spread", level), find(rows, "floor", "first-time", "spread", level)),
                    ratio(find(rows, "AT", "first-time", "hot", level), find(rows, "AT", "first-time", "spread", level)),
                    ratio(find(rows, "AT", "duplicate", "spread", level), find(rows, "AT", "first-time", "spread", level))));
        }
        Optional<Row> bestAt = rows.stream().filter(r -> r.setup().equals("AT") && r.path().equals("first-time")
                && r.skus().equals("spread")).max((a, b) -> Double.compare(a.throughput(), b.throughput()));
        Optional<Row> bestFloor = rows.stream().filter(r -> r.setup().equals("floor") && r.path().equals("first-time")
                && r.skus().equals("spread")).max((a, b) -> Double.compare(a.throughput(), b.throughput()));
        if (bestAt.isPresent() && bestFloor.isPresent()) {
            out.append(String.format(Locale.ROOT, "%nbest AT %.1f/s (%d callers) against the best floor %.1f/s (%d callers): %.2fx%n",
                    bestAt.get().throughput(), bestAt.get().concurrency(), bestFloor.get().throughput(),
                    bestFloor.get().concurrency(), bestAt.get().throughput() / bestFloor.get().throughput()));
        }
        return out.toString();
    }

    private static Optional<Row> find(List<Row> rows, String setup, String path, String skus, int level) {
        return rows.stream().filter(r -> r.setup().equals(setup) && r.path().equals(path) && r.skus().equals(skus)
                && r.concurrency() == level).findFirst();
    }

    private static String ratio(Optional<Row> a, Optional<Row> b) {
        return a.isPresent() && b.isPresent()
                ? String.format(Locale.ROOT, "%.2f", a.get().throughput() / b.get().throughput()) : "-";
    }

    private static void chart(List<Row> rows, Path png) throws IOException {
        XYSeriesCollection series = new XYSeriesCollection();
        series.addSeries(series(rows, "AT (one global transaction), spread SKUs", "AT", "spread"));
        series.addSeries(series(rows, "floor (Seata off, local transactions)", "floor", "spread"));
        series.addSeries(series(rows, "AT, one hot SKU", "AT", "hot"));
        JFreeChart chart = ChartFactory.createXYLineChart("Paid orders per second against concurrent callers",
                "concurrent callers", "first-time notifies per second (each a paid order)", series,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis callers = new LogAxis("concurrent callers");
        callers.setBase(2);
        callers.setTickUnit(new NumberTickUnit(2));
        callers.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        plot.setDomainAxis(callers);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 540);
    }

    private static XYSeries series(List<Row> rows, String name, String setup, String skus) {
        XYSeries series = new XYSeries(name);
        rows.stream().filter(r -> r.setup().equals(setup) && r.path().equals("first-time") && r.skus().equals(skus))
                .forEach(r -> series.add(r.concurrency(), r.throughput()));
        return series;
    }
}
