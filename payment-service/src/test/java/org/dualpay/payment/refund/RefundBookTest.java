package org.dualpay.payment.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.dualpay.payment.domain.RefundStatus;
import org.junit.jupiter.api.Test;

class RefundBookTest {

    @Test
    void should_count_every_status_even_those_without_refunds() {
        // given refunds in two statuses only
        RefundBook book = RefundBook.of(List.of(new RefundBook.StatusTotal(RefundStatus.SUCCESS, 3, 900),
                new RefundBook.StatusTotal(RefundStatus.PENDING, 1, 250)));

        // then every status has a count, zero where none is
        assertThat(book.count()).containsOnlyKeys(RefundStatus.values());
        assertThat(book.count().get(RefundStatus.SUCCESS)).isEqualTo(3);
        assertThat(book.count().get(RefundStatus.MANUAL)).isZero();
        assertThat(book.fen().get(RefundStatus.PENDING)).isEqualTo(250);
    }

    @Test
    void should_owe_the_money_of_pending_processing_and_manual_refunds_only() {
        // given money in every status
        List<RefundBook.StatusTotal> totals = List.of(new RefundBook.StatusTotal(RefundStatus.TRYING, 1, 1),
                new RefundBook.StatusTotal(RefundStatus.PENDING, 1, 10),
                new RefundBook.StatusTotal(RefundStatus.PROCESSING, 1, 100),
                new RefundBook.StatusTotal(RefundStatus.MANUAL, 1, 1000),
                new RefundBook.StatusTotal(RefundStatus.SUCCESS, 1, 10000),
                new RefundBook.StatusTotal(RefundStatus.CANCELLED, 1, 100000));

        // then what is owed and not back: not the TRYING money (it may still roll back), nor returned or cancelled money
        assertThat(RefundBook.of(totals).awaitingFen()).isEqualTo(1110);
    }

    @Test
    void should_owe_nothing_without_refunds() {
        assertThat(RefundBook.EMPTY.awaitingFen()).isZero();
        assertThat(RefundBook.EMPTY.count().values()).containsOnly(0L);
    }
}
