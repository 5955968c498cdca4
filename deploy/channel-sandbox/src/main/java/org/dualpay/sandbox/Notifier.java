package org.dualpay.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Delivers the notify of a paid trade to the merchant, retrying on the configured schedule until the
 * merchant answers in the channel's success format, then stops; after the last retry it gives up,
 * as a real channel does (the merchant must then ask). The end of a refund whose request named a
 * notify address (WeChat's {@code notify_url}) is reported the same way.
 *
 * <p>Every delivery, first or retried, belongs to the trace of the request that started it (the
 * shopper's pay, a resend, a refund): its context is taken on the request's thread and handed to the
 * scheduler's, each delivery is a client span of its own under it, and the context travels to the
 * merchant in the request's headers (W3C {@code traceparent}), so that payment-service's notify
 * handling and its global transaction join the same trace (README, "Traces").
 */
@Component
class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final SandboxProperties properties;
    private final TradeBook book;
    private final PlatformKeyring keyring;
    private final Faults faults;
    private final NotifyMessages messages;
    private final Clock clock;
    private final HttpClient http;
    private final Tracer tracer;
    private final Propagator propagator;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "notifier");
        thread.setDaemon(true);
        return thread;
    });

    Notifier(SandboxProperties properties, TradeBook book, PlatformKeyring keyring, Faults faults, ObjectMapper json,
            Clock clock, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.properties = properties;
        this.book = book;
        this.keyring = keyring;
        this.faults = faults;
        this.messages = new NotifyMessages(json);
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.delivery().timeout()).build();
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    /** The trace context of the request on this thread (null outside one), for the deliveries it starts. */
    private TraceContext requestContext() {
        Span current = tracer.currentSpan();
        return current == null ? null : current.context();
    }

    void start(Trade trade) {
        TraceContext origin = requestContext();
        Faults.Knobs knobs = faults.of(trade.channel());
        long hold = firstDeliveryDelay(knobs, ThreadLocalRandom.current().nextLong(REORDER_SPREAD_MS + 1));
        if (hold > 0) {
            scheduler.schedule(() -> deliver(trade, 0, origin), hold, TimeUnit.MILLISECONDS);
        } else {
            scheduler.execute(() -> deliver(trade, 0, origin));
        }
    }

    static final long REORDER_SPREAD_MS = 3000;

    /** How long a notify's first delivery waits: the delay knob, plus a random share of 3 s when reordering. */
    static long firstDeliveryDelay(Faults.Knobs knobs, long random) {
        return knobs.notifyDelayMs() + (knobs.reorderNotifies() ? random : 0);
    }

    private void deliver(Trade trade, int retry, TraceContext origin) {
        inDeliverySpan(origin, "notify " + trade.channel().name().toLowerCase(), trade.outTradeNo(), retry + 1,
                span -> deliverNow(trade, retry, origin, span));
    }

    private void deliverNow(Trade trade, int retry, TraceContext origin, Span span) {
        Trade.View view = trade.view();
        Faults.Knobs knobs = faults.of(view.channel());
        if (knobs.dropNotifies()) {
            log.info("{} notify of {} dropped (sandbox fault)", view.channel(), view.outTradeNo());
            return;
        }
        NotifyMessages.Message message = messages.build(view, keyring.keys(), clock.instant(), knobs.tamperNotifies());
        if (knobs.tamperNotifies() != null) {
            log.info("{} notify of {} tampered: {} (sandbox fault)", view.channel(), view.outTradeNo(),
                    knobs.tamperNotifies());
        }
        if (knobs.duplicateNotifies()) {
            scheduler.execute(() -> inDeliverySpan(origin, "notify " + view.channel().name().toLowerCase() + " again",
                    view.outTradeNo(), retry + 1, again -> send(view.notifyUrl(), message, again)));
        }
        Sent sent = send(view.notifyUrl(), message, span);
        int status = sent.status();
        String answer = sent.answer();
        boolean accepted = NotifyMessages.accepted(view, status, answer);
        trade.recordAttempt(status, answer, accepted, clock.instant());
        if (accepted) {
            log.info("{} notify of {} delivered on attempt {}", view.channel(), view.outTradeNo(), retry + 1);
            return;
        }
        List<Duration> delays = properties.delivery().retryDelays();
        if (retry >= delays.size()) {
            trade.giveUp();
            log.warn("{} notify of {} given up after {} attempts", view.channel(), view.outTradeNo(), retry + 1);
            return;
        }
        Duration delay = delays.get(retry);
        log.info("{} notify of {} attempt {} not accepted ({} {}); next in {}", view.channel(), view.outTradeNo(),
                retry + 1, status, answer, delay);
        scheduler.schedule(() -> deliver(trade, retry + 1, origin), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The merchant's answer to one delivery: its status (0 when none came) and body, or what went wrong. */
    private record Sent(int status, String answer) {
    }

    /** Reports a refund's end to the notify address its request gave (WeChat: REFUND.SUCCESS or REFUND.ABNORMAL). */
    void startRefund(Refund refund) {
        TraceContext origin = requestContext();
        scheduler.execute(() -> deliverRefund(refund, 0, origin));
    }

    private void deliverRefund(Refund refund, int retry, TraceContext origin) {
        Refund.View view = refund.view();
        inDeliverySpan(origin, "refund notify " + view.channel().name().toLowerCase(), view.outTradeNo(), retry + 1,
                span -> deliverRefundNow(refund, view, retry, origin, span));
    }

    private void deliverRefundNow(Refund refund, Refund.View view, int retry, TraceContext origin, Span span) {
        if (faults.of(view.channel()).dropNotifies()) {
            log.info("{} refund notify of {} dropped (sandbox fault)", view.channel(), view.refundNo());
            return;
        }
        Trade trade = book.trade(view.channel(), view.outTradeNo());
        NotifyMessages.Message message = messages.refund(view, trade.view(), keyring.keys(), clock.instant());
        Sent sent = send(view.notifyUrl(), message, span);
        boolean accepted = NotifyMessages.accepted(view.channel(), sent.status(), sent.answer());
        refund.recordAttempt(sent.status(), sent.answer(), accepted, clock.instant());
        if (accepted) {
            log.info("{} refund notify of {} ({}) delivered on attempt {}", view.channel(), view.refundNo(),
                    view.status(), retry + 1);
            return;
        }
        List<Duration> delays = properties.delivery().retryDelays();
        if (retry >= delays.size()) {
            log.warn("{} refund notify of {} given up after {} attempts", view.channel(), view.refundNo(), retry + 1);
            return;
        }
        scheduler.schedule(() -> deliverRefund(refund, retry + 1, origin), delays.get(retry).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Runs one delivery (and what it logs) in a client span of its own, a child of the request that
     * started the notify, on whichever thread of the scheduler runs it.
     */
    private void inDeliverySpan(TraceContext origin, String name, String outTradeNo, int attempt,
            Consumer<Span> delivery) {
        Span.Builder builder = tracer.spanBuilder().name(name).kind(Span.Kind.CLIENT)
                .tag("out_trade_no", outTradeNo).tag("attempt", String.valueOf(attempt));
        if (origin != null) {
            builder.setParent(origin);
        }
        Span span = builder.start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            delivery.accept(span);
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Sends one delivery, its span's context in the request's headers (W3C traceparent). */
    private Sent send(String url, NotifyMessages.Message message, Span span) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(properties.delivery().timeout())
                    .header("Content-Type", message.contentType())
                    .POST(HttpRequest.BodyPublishers.ofString(message.body()));
            message.headers().forEach(request::header);
            propagator.inject(span.context(), request, HttpRequest.Builder::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            span.tag("http.status_code", String.valueOf(response.statusCode()));
            return new Sent(response.statusCode(), abbreviate(response.body()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            span.error(e);
            return new Sent(0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
