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
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers the notify of a paid trade to the merchant, retrying on the configured schedule until the
 * merchant answers in the channel's success format, then stops; after the last retry it gives up,
 * as a real channel does (the merchant must then ask).
 */
@Component
class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final SandboxProperties properties;
    private final PlatformKeyring keyring;
    private final Faults faults;
    private final NotifyMessages messages;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "notifier");
        thread.setDaemon(true);
        return thread;
    });

    Notifier(SandboxProperties properties, PlatformKeyring keyring, Faults faults, ObjectMapper json, Clock clock) {
        this.properties = properties;
        this.keyring = keyring;
        this.faults = faults;
        this.messages = new NotifyMessages(json);
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.delivery().timeout()).build();
    }

    void start(Trade trade) {
        scheduler.execute(() -> deliver(trade, 0));
    }

    private void deliver(Trade trade, int retry) {
        Trade.View view = trade.view();
        if (faults.of(view.channel()).dropNotifies()) {
            log.info("{} notify of {} dropped (sandbox fault)", view.channel(), view.outTradeNo());
            return;
        }
        NotifyMessages.Message message = messages.build(view, keyring.keys(), clock.instant());
        int status;
        String answer;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(view.notifyUrl()))
                    .timeout(properties.delivery().timeout())
                    .header("Content-Type", message.contentType())
                    .POST(HttpRequest.BodyPublishers.ofString(message.body()));
            message.headers().forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            answer = abbreviate(response.body());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            status = 0;
            answer = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
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
        scheduler.schedule(() -> deliver(trade, retry + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
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
