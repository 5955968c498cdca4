package org.dualpay.payment.trade;

import java.util.Optional;

import org.dualpay.common.channel.Channel;
import org.dualpay.payment.channel.ChannelUnavailableException;
import org.dualpay.payment.channel.Channels;
import org.dualpay.payment.channel.ChannelGateway;
import org.dualpay.payment.domain.AttemptStatus;
import org.dualpay.payment.domain.NotifySource;
import org.dualpay.payment.domain.PaymentNotice;
import org.dualpay.payment.infrastructure.AttemptMapper;
import org.dualpay.payment.infrastructure.AttemptRow;
import org.dualpay.payment.ledger.PaymentLedger;
import org.dualpay.payment.notify.HandleNotify;
import org.dualpay.payment.notify.InboxMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Closes the open channel trades of an order that was cancelled or closed (or is about to be closed
 * for its timeout). A trade the channel reports as paid instead is a payment we had not heard of yet:
 * it is processed like a notify (source: query).
 */
@Service
public class CloseTrades {

    private static final Logger log = LoggerFactory.getLogger(CloseTrades.class);

    private final AttemptMapper attempts;
    private final PaymentLedger ledger;
    private final Channels channels;
    private final HandleNotify handleNotify;
    private final InboxMapper inbox;

    public CloseTrades(AttemptMapper attempts, PaymentLedger ledger, Channels channels, HandleNotify handleNotify,
            InboxMapper inbox) {
        this.attempts = attempts;
        this.ledger = ledger;
        this.channels = channels;
        this.handleNotify = handleNotify;
        this.inbox = inbox;
    }

    /**
     * Closes the order's open trades.
     *
     * @return whether a payment of the order is on its way: stored in the inbox (by a notify, a query, or
     *     closing a trade found paid) and not processed yet. The timeout close leaves such an order open:
     *     the shopper paid in time.
     */
    public boolean closeTrades(String orderNo) {
        for (AttemptRow attempt : attempts.findByOrder(orderNo)) {
            if (attempt.status == AttemptStatus.CREATED) {
                close(attempt);
            }
        }
        return inbox.pendingForOrder(orderNo) > 0;
    }

    /** Closes one attempt's trade at its channel, then the attempt; a trade found paid is processed. */
    public void close(AttemptRow attempt) {
        Channel channel = attempt.channel;
        ChannelGateway adapter = channels.gateway(channel);
        try {
            switch (adapter.close(attempt.outTradeNo)) {
                case CLOSED, UNKNOWN_TRADE -> {
                    ledger.markClosed(attempt.outTradeNo);
                    log.info("order {}: {} trade {} closed", attempt.orderNo, channel, attempt.outTradeNo);
                }
                case ALREADY_PAID -> {
                    Optional<PaymentNotice> paid = adapter.queryPaid(attempt.outTradeNo);
                    log.warn("order {}: {} trade {} was paid before it could be closed; processing it",
                            attempt.orderNo, channel, attempt.outTradeNo);
                    paid.ifPresent(notice -> handleNotify.accept(channel, notice, NotifySource.QUERY));
                }
            }
        } catch (ChannelUnavailableException e) {
            log.warn("order {}: {} trade {} not closed now ({}); the active query closes it at its expiry",
                    attempt.orderNo, channel, attempt.outTradeNo, e.getMessage());
        }
    }
}
