package org.dualpay.payment.refund;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.dualpay.payment.domain.Notification;
import org.dualpay.payment.domain.Refund;
import org.dualpay.payment.domain.RefundStatus;
import org.springframework.stereotype.Service;

/** Customer support's view of refunds, and what shoppers were told. */
@Service
public class RefundDesk {

    /** What retrying a refund by hand came to. */
    public sealed interface Retry {
        record Retried(Refund refund) implements Retry {
        }

        /** only a MANUAL refund is retried by hand */
        record NotRetryable(Refund refund) implements Retry {
        }

        record NotFound(String refundNo) implements Retry {
        }
    }

    private final RefundMapper refunds;
    private final NotificationMapper notifications;
    private final Clock clock;

    RefundDesk(RefundMapper refunds, NotificationMapper notifications, Clock clock) {
        this.refunds = refunds;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** The latest refunds, of one status or all. */
    public List<Refund> list(RefundStatus status, int limit) {
        return refunds.list(status, limit).stream().map(RefundRow::toDomain).toList();
    }

    /** Pushes a refund parked as MANUAL to the channel again, with a fresh count of attempts. */
    public Retry retry(String refundNo) {
        Optional<Refund> refund = Optional.ofNullable(refunds.find(refundNo)).map(RefundRow::toDomain);
        if (refund.isEmpty()) {
            return new Retry.NotFound(refundNo);
        }
        if (refunds.retryManual(refundNo, clock.instant()) != 1) {
            return new Retry.NotRetryable(refund.get());
        }
        return new Retry.Retried(refunds.find(refundNo).toDomain());
    }

    public List<Notification> notifications(String userId) {
        return notifications.forUser(userId).stream().map(NotificationRow::toDomain).toList();
    }
}
