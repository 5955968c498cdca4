package org.dualpay.payment.application;

import io.micrometer.core.instrument.MeterRegistry;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.error.Causes;
import org.dualpay.payment.channel.Channels;
import org.dualpay.payment.channel.InboundNotify;
import org.dualpay.payment.channel.NotifyCheck;
import org.dualpay.payment.domain.AttemptStatus;
import org.dualpay.payment.domain.ConfirmOutcome;
import org.dualpay.payment.domain.PaymentNotice;
import org.dualpay.payment.infrastructure.AttemptRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A channel's notify, from the wire to an answer: verify it, match it against our attempt, then
 * either answer a repeat at once or run the global transaction. Anything that cannot be trusted is
 * refused, logged as a security event and counted, and changes nothing.
 */
@Service
public class HandleNotify {

    private static final Logger log = LoggerFactory.getLogger(HandleNotify.class);
    private static final Logger security = LoggerFactory.getLogger("SECURITY");

    /** How to answer the channel. */
    public sealed interface Answer {
        /** received: the channel stops notifying */
        record Acknowledge(String outcome) implements Answer {
        }

        /** refused for good: the notify is not genuine or not ours */
        record Refuse(int status, String reason) implements Answer {
        }

        /** not processed now: the channel should notify again */
        record RetryLater(String reason) implements Answer {
        }
    }

    private final Channels channels;
    private final PaymentLedger ledger;
    private final ConfirmPayment confirmPayment;
    private final CloseOutOfStock closeOutOfStock;
    private final MeterRegistry meters;

    HandleNotify(Channels channels, PaymentLedger ledger, ConfirmPayment confirmPayment,
            CloseOutOfStock closeOutOfStock, MeterRegistry meters) {
        this.channels = channels;
        this.ledger = ledger;
        this.confirmPayment = confirmPayment;
        this.closeOutOfStock = closeOutOfStock;
        this.meters = meters;
    }

    public Answer handle(Channel channel, InboundNotify notify) {
        NotifyCheck check = channels.get(channel).verify(notify);
        if (check instanceof NotifyCheck.Refused refused) {
            return refuse(channel, refused.reason(), refused.detail(), null);
        }
        if (check instanceof NotifyCheck.NotAPayment other) {
            log.info("{} notify {} is not a payment; acknowledged", channel, other.eventType());
            return count(channel, new Answer.Acknowledge("not_a_payment"));
        }
        return process(channel, ((NotifyCheck.Verified) check).notice());
    }

    /**
     * A payment the channel stands behind, from a verified notify or learnt by asking the channel:
     * matched against our attempt, then answered at once (a repeat) or run through the global
     * transaction; when the stock has run out, through the out-of-stock close.
     */
    public Answer process(Channel channel, PaymentNotice notice) {
        AttemptRow attempt = ledger.committed(notice.outTradeNo());
        if (attempt == null) {
            return refuse(channel, "UNKNOWN_TRADE", "no attempt " + notice.outTradeNo(), notice);
        }
        if (!attempt.channel.equals(channel.name())) {
            return refuse(channel, "CHANNEL_MISMATCH", "attempt belongs to " + attempt.channel, notice);
        }
        if (attempt.amount != notice.amount()) {
            return refuse(channel, "AMOUNT_MISMATCH",
                    "attempt is " + attempt.amount + " fen, notify says " + notice.amount(), notice);
        }
        if (AttemptStatus.SUCCESS.name().equals(attempt.status)) {
            if (notice.channelTradeNo().equals(attempt.channelTradeNo)) {
                return count(channel, new Answer.Acknowledge("already_confirmed"));
            }
            return refuse(channel, "TRADE_NO_MISMATCH", "attempt was paid as " + attempt.channelTradeNo, notice);
        }
        try {
            ConfirmOutcome outcome;
            try {
                outcome = confirmPayment.confirm(notice);
            } catch (RuntimeException e) {
                if (Causes.find(e, ConfirmPayment.OutOfStockException.class).isEmpty()) {
                    throw e;
                }
                log.warn("order {} ran out of stock while {} {} was paid; closing it and refunding",
                        attempt.orderNo, channel, notice.channelTradeNo());
                outcome = closeOutOfStock.close(notice);
            }
            return count(channel, new Answer.Acknowledge(outcome.name().toLowerCase()));
        } catch (RuntimeException e) {
            log.warn("{} payment {} ({}) not processed, the channel will retry: {}", channel, notice.outTradeNo(),
                    notice.channelTradeNo(), rootMessage(e));
            return count(channel, new Answer.RetryLater(rootMessage(e)));
        }
    }

    private Answer refuse(Channel channel, String reason, String detail, PaymentNotice notice) {
        meters.counter("dualpay.notify.refused", "channel", channel.name(), "reason", reason).increment();
        security.warn("notify refused: channel={} reason={} detail=\"{}\" outTradeNo={} channelTradeNo={}", channel,
                reason, detail, notice == null ? "-" : notice.outTradeNo(),
                notice == null ? "-" : notice.channelTradeNo());
        int status = reason.endsWith("SIGNATURE") ? 401 : 400;
        return count(channel, new Answer.Refuse(status, reason));
    }

    private Answer count(Channel channel, Answer answer) {
        String outcome = answer instanceof Answer.Acknowledge ack ? ack.outcome()
                : answer instanceof Answer.Refuse ? "refused" : "retry_later";
        meters.counter("dualpay.notify.handled", "channel", channel.name(), "outcome", outcome).increment();
        return answer;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
