package org.dualpay.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.error.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The channel API ({@code /sandbox/wechat/...}, {@code /sandbox/alipay/...}); trades live in memory. */
@RestController
class SandboxController {

    record CreateTradeRequest(@NotBlank @Size(max = 64) String outTradeNo, @NotNull @Positive Long amount,
            @Size(max = 128) String description, @NotBlank String notifyUrl, @NotNull Instant expireAt) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final TradeBook book;
    private final Faults faults;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);
    private final Notifier notifier;
    private final SandboxProperties properties;
    private final PlatformKeyring keyring;
    private final Clock clock;

    SandboxController(TradeBook book, Faults faults, Notifier notifier, SandboxProperties properties,
            PlatformKeyring keyring, Clock clock) {
        this.keyring = keyring;
        this.book = book;
        this.faults = faults;
        this.notifier = notifier;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/sandbox/{channel}/trades")
    ResponseEntity<Trade.View> create(@PathVariable String channel, @Valid @RequestBody CreateTradeRequest request) {
        Channel ch = channel(channel);
        Faults.Knobs knobs = faults.of(ch);
        if (knobs.createTradeLatencyMs() > 0) {
            sleep(knobs.createTradeLatencyMs());
        }
        if (Faults.happens(knobs.createTradeFailureRate())) {
            throw new ProblemException(ChannelProblem.SYSTEM_ERROR, ch + " is failing (sandbox fault)");
        }
        if (!request.expireAt().isAfter(clock.instant())) {
            throw new ProblemException(ChannelProblem.INVALID_EXPIRE_AT, "expireAt is in the past");
        }
        String payUrl = properties.publicUrl() + "/sandbox/" + channel.toLowerCase(Locale.ROOT) + "/trades/"
                + request.outTradeNo() + "/pay";
        Trade fresh = new Trade(ch, request.outTradeNo(), request.amount(), request.description(), request.notifyUrl(),
                request.expireAt(), payUrl);
        Trade trade = book.putIfAbsent(fresh);
        if (trade != fresh) {
            if (!trade.sameRequest(request.amount(), request.notifyUrl())) {
                throw new ProblemException(ChannelProblem.OUT_TRADE_NO_USED,
                        "outTradeNo " + request.outTradeNo() + " was used for another trade");
            }
            return ResponseEntity.ok(trade.view());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(trade.view());
    }

    /** The shopper pays: the trade succeeds and the notify starts. */
    @PostMapping("/sandbox/{channel}/trades/{outTradeNo}/pay")
    Trade.View pay(@PathVariable String channel, @PathVariable String outTradeNo) {
        Trade trade = find(channel, outTradeNo);
        Instant now = clock.instant();
        if (!trade.pay(channelTradeNo(trade.channel(), now), "EV" + sequence.incrementAndGet(), now)) {
            Trade.View view = trade.view();
            throw new ProblemException(
                    view.status() == Trade.Status.SUCCESS ? ChannelProblem.TRADE_ALREADY_PAID : ChannelProblem.TRADE_CLOSED,
                    "Trade " + outTradeNo + " is " + view.status());
        }
        notifier.start(trade);
        return trade.view();
    }

    @GetMapping("/sandbox/{channel}/trades/{outTradeNo}")
    Trade.View query(@PathVariable String channel, @PathVariable String outTradeNo) {
        long latency = faults.of(channel(channel)).queryLatencyMs();
        if (latency > 0) {
            sleep(latency);
        }
        Trade trade = find(channel, outTradeNo);
        trade.refresh(clock.instant());
        return trade.view();
    }

    @PostMapping("/sandbox/{channel}/trades/{outTradeNo}/close")
    Trade.View close(@PathVariable String channel, @PathVariable String outTradeNo) {
        Trade trade = find(channel, outTradeNo);
        if (!trade.close(clock.instant())) {
            throw new ProblemException(ChannelProblem.TRADE_ALREADY_PAID,
                    "Trade " + outTradeNo + " is paid and cannot be closed");
        }
        return trade.view();
    }

    /** Re-sends the notify of a paid trade from the start of its schedule (the channel's "resend" button). */
    @PostMapping("/sandbox/{channel}/trades/{outTradeNo}/notify")
    Trade.View resend(@PathVariable String channel, @PathVariable String outTradeNo) {
        Trade trade = find(channel, outTradeNo);
        if (trade.view().status() != Trade.Status.SUCCESS) {
            throw new ProblemException(ChannelProblem.TRADE_NOT_PAID, "Trade " + outTradeNo + " is not paid");
        }
        notifier.start(trade);
        return trade.view();
    }

    /** The platform's public key (and WeChat Pay's key id), as a merchant configures it. */
    @GetMapping("/sandbox/{channel}/platform-key")
    PlatformKeyring.PublicPart platformKey(@PathVariable String channel) {
        return keyring.publicPart(channel(channel));
    }

    @GetMapping("/sandbox/faults")
    Map<Channel, Faults.Knobs> faults() {
        return faults.all();
    }

    /** Sets the knobs of the channels named in the body; the others keep theirs. */
    @PutMapping("/sandbox/faults")
    Map<Channel, Faults.Knobs> setFaults(@RequestBody Map<Channel, Faults.Knobs> knobs) {
        knobs.forEach(faults::set);
        return faults.all();
    }

    private Trade find(String channel, String outTradeNo) {
        Trade trade = book.trade(channel(channel), outTradeNo);
        if (trade == null) {
            throw new ProblemException(ChannelProblem.TRADE_NOT_FOUND, "No trade " + outTradeNo);
        }
        return trade;
    }

    /** WeChat transaction ids start with 42; Alipay trade numbers with the date. */
    private String channelTradeNo(Channel channel, Instant now) {
        long n = sequence.incrementAndGet();
        return switch (channel) {
            case WECHAT -> "4200" + DAY.format(now) + String.format("%016d", n);
            case ALIPAY -> DAY.format(now) + "22" + String.format("%020d", n);
        };
    }

    static Channel channel(String name) {
        try {
            return Channel.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ChannelProblem.UNKNOWN_CHANNEL, "No channel " + name);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
