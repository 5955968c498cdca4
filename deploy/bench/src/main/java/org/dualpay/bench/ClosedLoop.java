package org.dualpay.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A closed loop: {@code concurrency} callers, each sending its next request as soon as the last one
 * was answered, until every prepared request was sent once. Latency is each request's own, from
 * sending to the whole answer; an answer other than 200/204, or no answer, is an error.
 */
final class ClosedLoop {

    /** What one pass measured. */
    record Result(int requests, int errors, double seconds, Histogram latencyMicros, CpuMeter.Shares cpu) {

        double throughput() {
            return (requests - errors) / seconds;
        }

        double millis(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private final HttpClient http;

    ClosedLoop(HttpClient http) {
        this.http = http;
    }

    Result run(URI target, List<WechatNotifies.Signed> notifies, int concurrency) throws InterruptedException {
        ConcurrentHistogram latencies = new ConcurrentHistogram(3_600_000_000L, 3);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread caller = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int n = next.getAndIncrement(); n < notifies.size(); n = next.getAndIncrement()) {
                    WechatNotifies.Signed notify = notifies.get(n);
                    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(notify.body()));
                    notify.headers().forEach(request::header);
                    long started = System.nanoTime();
                    try {
                        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 200 && answer.statusCode() != 204) {
                            errors.incrementAndGet();
                            sample(errorSamples, answer.statusCode() + " " + answer.body());
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        sample(errorSamples, e.toString());
                    }
                    latencies.recordValue(Math.max(1, (System.nanoTime() - started) / 1000));
                }
            }, "caller-" + i);
            caller.start();
            callers.add(caller);
        }
        CpuMeter cpu = new CpuMeter();
        cpu.start();
        long started = System.nanoTime();
        go.countDown();
        for (Thread caller : callers) {
            caller.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        CpuMeter.Shares shares = cpu.stop();
        errorSamples.forEach(sample -> System.err.println("   error: " + sample));
        return new Result(notifies.size(), errors.get(), seconds, latencies, shares);
    }

    private static void sample(List<String> samples, String what) {
        if (samples.size() < 3) {
            samples.add(what.length() > 300 ? what.substring(0, 300) : what);
        }
    }
}
