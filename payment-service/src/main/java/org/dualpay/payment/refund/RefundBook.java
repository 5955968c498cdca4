package org.dualpay.payment.refund;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dualpay.payment.domain.RefundStatus;

/**
 * The refunds at one moment, as the dashboard shows them: how many are in each status (every status,
 * zero included), and the money still owed to shoppers, that is decided but not back on their
 * channel yet: PENDING and PROCESSING (the dispatcher's), and MANUAL (parked for support). TRYING
 * money is not owed yet (its global transaction may still roll back), SUCCESS is back, CANCELLED was
 * never owed.
 */
public record RefundBook(Map<RefundStatus, Long> count, Map<RefundStatus, Long> fen) {

    /** The statuses whose money is owed to a shopper and not yet returned. */
    public static final Set<RefundStatus> AWAITING = Collections.unmodifiableSet(
            EnumSet.of(RefundStatus.PENDING, RefundStatus.PROCESSING, RefundStatus.MANUAL));

    /** One row of {@link RefundMapper#totalsByStatus()}: a status, how many refunds, their money. */
    public record StatusTotal(RefundStatus status, long refunds, long amount) {
    }

    public static final RefundBook EMPTY = of(List.of());

    public static RefundBook of(List<StatusTotal> totals) {
        Map<RefundStatus, Long> count = new EnumMap<>(RefundStatus.class);
        Map<RefundStatus, Long> fen = new EnumMap<>(RefundStatus.class);
        for (RefundStatus status : RefundStatus.values()) {
            count.put(status, 0L);
            fen.put(status, 0L);
        }
        for (StatusTotal total : totals) {
            count.merge(total.status(), total.refunds(), Long::sum);
            fen.merge(total.status(), total.amount(), Long::sum);
        }
        return new RefundBook(Collections.unmodifiableMap(count), Collections.unmodifiableMap(fen));
    }

    /** Money owed to shoppers and not yet back, in fen. */
    public long awaitingFen() {
        return AWAITING.stream().mapToLong(fen::get).sum();
    }
}
