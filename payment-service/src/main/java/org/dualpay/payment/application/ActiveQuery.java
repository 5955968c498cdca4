package org.dualpay.payment.application;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.dualpay.common.channel.Channel;
import org.dualpay.payment.channel.ChannelUnavailableException;
import org.dualpay.payment.channel.Channels;
import org.dualpay.payment.channel.PaymentChannel;
import org.dualpay.payment.domain.PaymentNotice;
import org.dualpay.payment.infrastructure.AttemptMapper;
import org.dualpay.payment.infrastructure.AttemptRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Lost notifies are found by asking: attempts still open a while after they were created are
 * queried at their channel. A payment learnt this way enters the same path as a notify (inbox,
 * global transaction; source QUERY). An attempt past its channel expiry is closed at the channel, so
 * that none stays unknown. Safe on several instances: a query changes nothing, and what it feeds is
 * deduplicated by the inbox.
 */
@Component
public class ActiveQuery {

    private static final Logger log = LoggerFactory.getLogger(ActiveQuery.class);

    private final AttemptMapper attempts;
    private final Channels channels;
    private final HandleNotify handleNotify;
    private final PaymentLedger ledger;
    private final PaymentProperties properties;
    private final Clock clock;

    ActiveQuery(AttemptMapper attempts, Channels channels, HandleNotify handleNotify, PaymentLedger ledger,
            PaymentProperties properties, Clock clock) {
        this.attempts = attempts;
        this.channels = channels;
        this.handleNotify = handleNotify;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dualpay.payments.query-interval:PT10S}",
            initialDelayString = "${dualpay.payments.query-interval:PT10S}")
    public void run() {
        Instant now = clock.instant();
        for (AttemptRow attempt : attempts.openSince(now.minus(properties.queryAfter()), 100)) {
            Channel channel = Channel.valueOf(attempt.channel);
            PaymentChannel adapter = channels.get(channel);
            try {
                Optional<PaymentNotice> paid = adapter.queryPaid(attempt.outTradeNo);
                if (paid.isPresent()) {
                    log.warn("active query: {} trade {} of order {} was paid without a notify; processing it",
                            channel, attempt.outTradeNo, attempt.orderNo);
                    handleNotify.accept(channel, paid.get(), "QUERY");
                } else if (!attempt.expireAt.isAfter(now)) {
                    expire(adapter, attempt);
                }
            } catch (ChannelUnavailableException e) {
                log.warn("active query: {} trade {} not queried now: {}", channel, attempt.outTradeNo, e.getMessage());
            }
        }
    }

    private void expire(PaymentChannel adapter, AttemptRow attempt) {
        switch (adapter.close(attempt.outTradeNo)) {
            case CLOSED, UNKNOWN_TRADE -> {
                ledger.markClosed(attempt.outTradeNo);
                log.info("active query: {} trade {} expired and closed", adapter.channel(), attempt.outTradeNo);
            }
            case ALREADY_PAID -> adapter.queryPaid(attempt.outTradeNo)
                    .ifPresent(notice -> handleNotify.accept(adapter.channel(), notice, "QUERY"));
        }
    }
}
