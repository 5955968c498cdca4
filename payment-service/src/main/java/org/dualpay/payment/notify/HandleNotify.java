package org.dualpay.payment.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.fault.FaultPoints;
import org.dualpay.common.tracing.TransactionSpans;
import org.dualpay.payment.PaymentFaultPoint;
import org.dualpay.payment.channel.ChannelProperties;
import org.dualpay.payment.channel.ChannelProtocol;
import org.dualpay.payment.channel.InboundNotify;
import org.dualpay.payment.channel.NotifyCheck;
import org.dualpay.payment.domain.AttemptStatus;
import org.dualpay.payment.domain.InboxStatus;
import org.dualpay.payment.domain.NotifyRefusal;
import org.dualpay.payment.domain.NotifySource;
import org.dualpay.payment.domain.PaymentNotice;
import org.dualpay.payment.infrastructure.AttemptRow;
import org.dualpay.payment.ledger.PaymentLedger;
import org.dualpay.payment.refund.RefundDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * A channel's payment, from the wire to an answer. A notify is verified (signature, timestamp
 * window, a nonce never seen before with another notice: {@link ReplayGuard}) and matched against our known attempt. Anything that cannot be
 * trusted is refused, logged as a security event and counted, and changes nothing. A verified notify
 * whose amount, currency or channel disagrees with the attempt is real money all the same: it is
 * stored as an anomaly, never applied, and refunded. What can be trusted is stored in the notify inbox, and the channel is answered
 * success as soon as the row is durable; processing then runs at once, and the inbox worker retries
 * it until it is done. Payments learnt by asking the channel (closing a trade, the active query)
 * enter through {@link #accept} the same way.
 */
@Service
public class HandleNotify {

    static final String EVENT = "PAYMENT_SUCCESS";

    private static final Logger log = LoggerFactory.getLogger(HandleNotify.class);
    private static final Logger security = LoggerFactory.getLogger("SECURITY");

    /** How to answer the channel. */
    public sealed interface Answer {
        /** received: the channel stops notifying */
        record Acknowledge(String outcome) implements Answer {
        }

        /** refused for good: the notify is not genuine or not ours */
        record Refuse(NotifyRefusal reason) implements Answer {
        }
    }

    private final PaymentLedger ledger;
    private final InboxMapper inbox;
    private final InboxProcessor processor;
    private final RefundDispatcher refunds;
    private final Duration notifyWindow;
    private final FaultPoints faults;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ReplayGuard replays;
    private final TransactionSpans spans;

    HandleNotify(PaymentLedger ledger, InboxMapper inbox, InboxProcessor processor, RefundDispatcher refunds,
            ChannelProperties channelProperties, FaultPoints faults, MeterRegistry meters, Clock clock,
            TransactionSpans spans) {
        this.ledger = ledger;
        this.inbox = inbox;
        this.processor = processor;
        this.refunds = refunds;
        this.notifyWindow = channelProperties.notifyWindow();
        this.faults = faults;
        this.meters = meters;
        // every (channel, reason) counted from zero: a dashboard shows "none refused" rather than no data
        for (Channel channel : Channel.values()) {
            for (NotifyRefusal reason : NotifyRefusal.values()) {
                meters.counter("dualpay.notify.refused", "channel", channel.name(), "reason", reason.name());
            }
        }
        this.clock = clock;
        this.spans = spans;
        this.replays = new ReplayGuard(new ReplayGuard.Nonces() {
            @Override
            public boolean remember(Channel channel, String nonce, String fingerprint, Instant now) {
                return inbox.rememberNonce(channel, nonce, fingerprint, now) == 1;
            }

            @Override
            public String fingerprint(Channel channel, String nonce) {
                return inbox.nonceFingerprint(channel, nonce);
            }
        });
    }

    /** A notify as it arrived, verified by its channel's protocol. */
    public Answer handle(ChannelProtocol protocol, InboundNotify notify) {
        Channel channel = protocol.channel();
        NotifyCheck check = protocol.verify(notify);
        if (check instanceof NotifyCheck.Refused refused) {
            return refuse(channel, refused.reason(), refused.detail(), null);
        }
        if (check instanceof NotifyCheck.RefundReported refund) {
            // applied by the same conditional moves as a query's answer: a redelivery changes nothing
            refunds.reported(channel, refund.refundNo(), refund.state(), refund.eventType());
            return count(channel, new Answer.Acknowledge("refund_" + refund.state().name().toLowerCase()));
        }
        if (check instanceof NotifyCheck.NotAPayment other) {
            log.info("{} notify {} is not a payment; acknowledged", channel, other.eventType());
            return count(channel, new Answer.Acknowledge("not_a_payment"));
        }
        NotifyCheck.Verified verified = (NotifyCheck.Verified) check;
        ReplayGuard.Verdict verdict = replays.check(channel, verified.nonce(), verified.notice(), clock.instant());
        if (verdict == ReplayGuard.Verdict.REPLAYED) {
            return refuse(channel, NotifyRefusal.REPLAYED, "nonce " + verified.nonce() + " was seen before with "
                    + "another notice", verified.notice());
        }
        // A redelivery goes the same way as a first delivery: accept finds what is stored and answers from it
        // (and stores it, should the first delivery have died between the nonce and the inbox).
        return accept(channel, verified.notice(), NotifySource.NOTIFY);
    }

    /**
     * A payment the channel stands behind: matched against our attempt, stored, then processed. A
     * repeat of a processed payment is answered at once.
     */
    public Answer accept(Channel channel, PaymentNotice notice, NotifySource source) {
        AttemptRow attempt = ledger.current(notice.outTradeNo());
        if (attempt != null && attempt.status == AttemptStatus.SUCCESS) {
            // Under AT a plain read can see another global transaction's SUCCESS that is then rolled back,
            // and the channel would be told to stop notifying money we never recorded. Any other status
            // decides as the committed one would (PaymentLedger#current), so only a SUCCESS is checked:
            if (anomaly(channel, attempt, notice) == null && paidByThisTrade(attempt, notice)
                    && processedInInbox(channel, notice)) {
                return count(channel, new Answer.Acknowledge("already_confirmed"));
            }
            attempt = ledger.committed(notice.outTradeNo());
        }
        if (attempt == null) {
            return refuse(channel, NotifyRefusal.UNKNOWN_TRADE, "no attempt " + notice.outTradeNo(), notice);
        }
        String anomaly = anomaly(channel, attempt, notice);
        if (anomaly == null && paidByThisTrade(attempt, notice)) {
            return count(channel, new Answer.Acknowledge("already_confirmed"));
        }
        if (anomaly != null) {
            // Signed by the channel, so it is money the channel holds for us: stored and refunded, never applied.
            meters.counter("dualpay.notify.anomalies", "channel", channel.name(), "source", source.name()).increment();
            security.warn("notify anomaly: channel={} detail=\"{}\" outTradeNo={} channelTradeNo={} amount={}; "
                    + "stored, never applied, refunded", channel, anomaly, notice.outTradeNo(), notice.channelTradeNo(),
                    notice.amount());
        }
        InboxRow row = store(notice, source, anomaly);
        faults.hit(PaymentFaultPoint.INBOX_AFTER_STORE);
        if (row.status != InboxStatus.RECEIVED) {
            return count(channel, new Answer.Acknowledge("already_processed"));
        }
        var outcome = processor.process(row.id, InboxProcessor.INLINE);
        return count(channel, new Answer.Acknowledge(outcome == null ? "stored" : outcome.name().toLowerCase()));
    }

    /** Whether the attempt was paid by this notice's very trade (as far as the read of it goes). */
    private static boolean paidByThisTrade(AttemptRow attempt, PaymentNotice notice) {
        return attempt.status == AttemptStatus.SUCCESS && notice.channelTradeNo().equals(attempt.channelTradeNo);
    }

    /**
     * Whether this trade's payment was processed, as committed. A plain read that shows the attempt paid
     * by this trade may be a global transaction's uncommitted change; the trade's inbox row, PROCESSED,
     * makes it committed: a row is marked processed only after its global transaction returned, and that
     * row's transaction is the only one that sets this trade's SUCCESS (a plain indexed read instead of a
     * committed read, which costs a row lock and a round trip to the TC: the redelivery path).
     */
    private boolean processedInInbox(Channel channel, PaymentNotice notice) {
        InboxRow stored = inbox.find(channel, notice.channelTradeNo(), EVENT);
        return stored != null && stored.status == InboxStatus.PROCESSED && stored.anomaly == null
                && notice.outTradeNo().equals(stored.outTradeNo);
    }

    /** Why the channel's word disagrees with our attempt, or null when it agrees. */
    static String anomaly(Channel channel, AttemptRow attempt, PaymentNotice notice) {
        if (attempt.channel != channel) {
            return "CHANNEL_MISMATCH: attempt belongs to " + attempt.channel + ", paid on " + channel;
        }
        if (!PaymentNotice.CNY.equals(notice.currency())) {
            return "CURRENCY_MISMATCH: attempt is CNY, channel says " + abbreviate(notice.currency());
        }
        if (attempt.amount != notice.amount()) {
            return "AMOUNT_MISMATCH: attempt is " + attempt.amount + " fen, channel says " + notice.amount();
        }
        if (attempt.status == AttemptStatus.SUCCESS
                && !notice.channelTradeNo().equals(attempt.channelTradeNo)) {
            return "TRADE_NO_MISMATCH: attempt was paid as " + attempt.channelTradeNo;
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() > 16 ? text.substring(0, 16) : text;
    }

    private InboxRow store(PaymentNotice notice, NotifySource source, String anomaly) {
        InboxRow row = new InboxRow();
        row.channel = notice.channel();
        row.channelTradeNo = notice.channelTradeNo();
        row.event = EVENT;
        row.source = source;
        row.notifyId = notice.notifyId();
        row.outTradeNo = notice.outTradeNo();
        row.amount = notice.amount();
        row.anomaly = anomaly;
        row.traceParent = spans.traceParent(); // a worker that processes it later continues this trace
        row.paidAt = notice.paidAt();
        row.receivedAt = clock.instant();
        row.nextAttemptAt = row.receivedAt;
        if (insertOnce(row)) {
            row.status = InboxStatus.RECEIVED;
            return row;
        }
        return inbox.find(row.channel, row.channelTradeNo, EVENT);
    }

    /** Inserts the row unless it is there; one more try when concurrent repeats made this a deadlock victim. */
    private boolean insertOnce(InboxRow row) {
        try {
            return inbox.insert(row) == 1;
        } catch (TransientDataAccessException deadlock) {
            return inbox.insert(row) == 1;
        }
    }

    /** Nonces older than twice the timestamp window can never match a request that passes the window. */
    @Scheduled(fixedDelayString = "PT1M")
    public void forgetOldNonces() {
        inbox.forgetNonces(clock.instant().minus(notifyWindow.multipliedBy(2)));
    }

    private Answer refuse(Channel channel, NotifyRefusal reason, String detail, PaymentNotice notice) {
        meters.counter("dualpay.notify.refused", "channel", channel.name(), "reason", reason.name()).increment();
        security.warn("notify refused: channel={} reason={} detail=\"{}\" outTradeNo={} channelTradeNo={}", channel,
                reason, detail, notice == null ? "-" : notice.outTradeNo(),
                notice == null ? "-" : notice.channelTradeNo());
        return count(channel, new Answer.Refuse(reason));
    }

    private Answer count(Channel channel, Answer answer) {
        String outcome = answer instanceof Answer.Acknowledge ack ? ack.outcome() : "refused";
        meters.counter("dualpay.notify.handled", "channel", channel.name(), "outcome", outcome).increment();
        return answer;
    }
}
