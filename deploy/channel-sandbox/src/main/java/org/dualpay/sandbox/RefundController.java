package org.dualpay.sandbox;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.error.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Refunds, as channels do them: idempotent by refund number, never more than was paid, accepted at
 * once and finished a moment later (the merchant asks for the result).
 */
@RestController
class RefundController {

    /** @param notifyUrl where to report the refund's end (WeChat's refund notify); optional */
    record RefundRequest(@NotBlank @Size(max = 64) String refundNo, @NotBlank String outTradeNo,
            @NotNull @Positive Long amount, @Size(max = 256) String notifyUrl) {

        RefundRequest(String refundNo, String outTradeNo, Long amount) {
            this(refundNo, outTradeNo, amount, null);
        }
    }

    private static final long PROCESSING_MS = 200;

    private final TradeBook book;
    private final Faults faults;
    private final Notifier notifier;
    private final Clock clock;
    private final ScheduledExecutorService finisher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "refunds");
        thread.setDaemon(true);
        return thread;
    });

    RefundController(TradeBook book, Faults faults, Notifier notifier, Clock clock) {
        this.book = book;
        this.faults = faults;
        this.notifier = notifier;
        this.clock = clock;
    }

    @PostMapping("/sandbox/{channel}/refunds")
    ResponseEntity<?> refund(@PathVariable String channel, @Valid @RequestBody RefundRequest request) {
        Channel ch = SandboxController.channel(channel);
        Faults.Knobs knobs = faults.of(ch);
        ResponseEntity<?> odd = oddAnswer(knobs, request.refundNo());
        if (odd != null) {
            return odd;
        }
        return ResponseEntity.ok(submit(ch, knobs, request));
    }

    /**
     * A refund finished before it is answered, as Alipay's synchronous {@code alipay.trade.refund} does
     * (SUCCESS, or FAILED with refundsFailPermanently); the failure knobs and odd answers as for the others.
     */
    ResponseEntity<?> refundAtOnce(String channel, RefundRequest request) {
        Channel ch = SandboxController.channel(channel);
        Faults.Knobs knobs = faults.of(ch);
        ResponseEntity<?> odd = oddAnswer(knobs, request.refundNo());
        if (odd != null) {
            return odd;
        }
        Refund.View view = submit(ch, knobs, request);
        book.refund(ch, request.refundNo()).finish(!knobs.refundsFailPermanently(), clock.instant());
        return ResponseEntity.ok(book.refund(ch, view.refundNo()).view());
    }

    /** An answer the merchant does not expect, when the knob asks for one. */
    private static ResponseEntity<?> oddAnswer(Faults.Knobs knobs, String refundNo) {
        if ("EMPTY_BODY".equals(knobs.refundAnswer())) {
            return ResponseEntity.ok().build();
        }
        if ("UNKNOWN_STATUS".equals(knobs.refundAnswer())) {
            return ResponseEntity.ok(Map.of("refundNo", refundNo, "status", "REFUND_IN_LIMBO"));
        }
        return null;
    }

    private Refund.View submit(Channel ch, Faults.Knobs knobs, RefundRequest request) {
        if (Faults.happens(knobs.refundFailureRate())) {
            throw new ProblemException(ChannelProblem.SYSTEM_ERROR, ch + " refunds are failing (sandbox fault)");
        }
        Refund existing = book.refund(ch, request.refundNo());
        if (existing != null) {
            if (!existing.sameRequest(request.outTradeNo(), request.amount())) {
                throw new ProblemException(ChannelProblem.REFUND_NO_USED,
                        "refundNo " + request.refundNo() + " was used for another refund");
            }
            if (existing.resubmit()) {
                process(existing, knobs);
            }
            return existing.view();
        }
        Trade trade = book.trade(ch, request.outTradeNo());
        if (trade == null || trade.view().status() != Trade.Status.SUCCESS) {
            throw new ProblemException(ChannelProblem.TRADE_NOT_PAID,
                    "Trade " + request.outTradeNo() + " has no payment to refund");
        }
        synchronized (trade) {
            if (book.refunding(ch, request.outTradeNo()) + request.amount() > trade.view().amount()) {
                throw new ProblemException(ChannelProblem.REFUND_EXCEEDS_PAYMENT,
                        "Refunds of " + request.outTradeNo() + " would exceed what was paid");
            }
            Refund refund = book.putIfAbsent(new Refund(ch, request.refundNo(), request.outTradeNo(),
                    request.amount(), clock.instant(), request.notifyUrl()));
            process(refund, knobs);
            return refund.view();
        }
    }

    @GetMapping("/sandbox/{channel}/refunds/{refundNo}")
    ResponseEntity<?> query(@PathVariable String channel, @PathVariable String refundNo) {
        Channel ch = SandboxController.channel(channel);
        ResponseEntity<?> odd = oddAnswer(faults.of(ch), refundNo);
        if (odd != null) {
            return odd;
        }
        Refund refund = book.refund(ch, refundNo);
        if (refund == null) {
            throw new ProblemException(ChannelProblem.REFUND_NOT_FOUND, "No refund " + refundNo);
        }
        return ResponseEntity.ok(refund.view());
    }

    /** Ends the refund a moment later and, when the merchant gave a notify address, reports it there. */
    private void process(Refund refund, Faults.Knobs knobs) {
        boolean success = !knobs.refundsFailPermanently();
        finisher.schedule(() -> {
            if (refund.finish(success, clock.instant()) && refund.view().notifyUrl() != null) {
                notifier.startRefund(refund);
            }
        }, PROCESSING_MS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        finisher.shutdownNow();
    }
}
