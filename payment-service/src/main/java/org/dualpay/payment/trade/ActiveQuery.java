package org.dualpay.payment.trade;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.dualpay.common.channel.Channel;
import org.dualpay.payment.channel.Channels;
import org.dualpay.payment.channel.ChannelGateway;
import org.dualpay.payment.domain.NotifySource;
import org.dualpay.payment.domain.PaymentNotice;
import org.dualpay.payment.infrastructure.AttemptMapper;
import org.dualpay.payment.infrastructure.AttemptRow;
import org.dualpay.payment.ledger.PaymentLedger;
import org.dualpay.payment.notify.HandleNotify;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Lost notifies are found by asking: open attempts are queried at their channel, each on its own
 * schedule ({@code attempt_query}): first {@code queryAfter} after it was created, then with a
 * doubling wait, and always once more at its channel expiry. Each run takes the most overdue, so
 * attempts stuck at a failing channel do not starve newer ones. A payment learnt this way enters the
 * same path as a notify (inbox, global transaction; source QUERY); an answer that disagrees with the
 * attempt is an anomaly, stored and refunded. An attempt past its channel expiry is closed at the
 * channel (always asked, even when the query found nothing), so that none stays open. Safe on several
 * instances: each query is claimed by a conditional update of its schedule.
 */
@Component
public class ActiveQuery {

    private static final Logger log = LoggerFactory.getLogger(ActiveQuery.class);

    private final AttemptMapper attempts;
    private final Channels channels;
    private final HandleNotify handleNotify;
    private final PaymentLedger ledger;
    private final PaymentProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    ActiveQuery(AttemptMapper attempts, Channels channels, HandleNotify handleNotify, PaymentLedger ledger,
            PaymentProperties properties, MeterRegistry meters, Clock clock) {
        this.attempts = attempts;
        this.channels = channels;
        this.handleNotify = handleNotify;
        this.ledger = ledger;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dualpay.payments.query-interval:PT10S}",
            initialDelayString = "${dualpay.payments.query-interval:PT10S}")
    public void run() {
        long started = System.nanoTime();
        int asked = 0;
        for (AttemptRow attempt : attempts.dueForQuery(clock.instant(), properties.queryBatchSize())) {
            if (claim(attempt)) {
                ask(attempt);
                asked++;
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        meters.timer("dualpay.jobs.run", "job", "active-query").record(Duration.ofMillis(millis));
        if (asked > 0) {
            log.info("active query: {} attempt(s) asked in {} ms", asked, millis);
            attempts.forgetSettledQueries();
        }
    }

    /** Sets the attempt's next query before asking: another instance now skips it. */
    private boolean claim(AttemptRow attempt) {
        Instant now = clock.instant();
        Integer queries = attempts.queries(attempt.outTradeNo);
        Instant next = now.plus(properties.queryBackoff((queries == null ? 0 : queries) + 1));
        if (attempt.expireAt.isAfter(now) && next.isAfter(attempt.expireAt)) {
            next = attempt.expireAt;
        }
        return attempts.claimQuery(attempt.outTradeNo, now, next) == 1;
    }

    private void ask(AttemptRow attempt) {
        Channel channel = attempt.channel;
        ChannelGateway adapter = channels.gateway(channel);
        try {
            Optional<PaymentNotice> paid = adapter.queryPaid(attempt.outTradeNo);
            if (paid.isPresent()) {
                log.warn("active query: {} trade {} of order {} was paid without a notify; processing it",
                        channel, attempt.outTradeNo, attempt.orderNo);
                handleNotify.accept(channel, paid.get(), NotifySource.QUERY);
            } else if (!attempt.expireAt.isAfter(clock.instant())) {
                expire(adapter, attempt);
            }
        } catch (RuntimeException e) {
            log.warn("active query: {} trade {} not settled now: {}", channel, attempt.outTradeNo, e.getMessage());
        }
    }

    private void expire(ChannelGateway adapter, AttemptRow attempt) {
        switch (adapter.close(attempt.outTradeNo)) {
            case CLOSED, UNKNOWN_TRADE -> {
                ledger.markClosed(attempt.outTradeNo);
                log.info("active query: {} trade {} expired and closed", adapter.channel(), attempt.outTradeNo);
            }
            case ALREADY_PAID -> adapter.queryPaid(attempt.outTradeNo)
                    .ifPresent(notice -> handleNotify.accept(adapter.channel(), notice, NotifySource.QUERY));
        }
    }
}
