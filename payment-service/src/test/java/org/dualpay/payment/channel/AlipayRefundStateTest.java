package org.dualpay.payment.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Alipay's refund answers (the synchronous one and the refund query) in our three refund states. */
class AlipayRefundStateTest {

    @Test
    void should_read_money_moved_as_success_and_nothing_yet_as_processing() {
        assertThat(AlipayGateway.refundState(true, "10000", null, null, "REFUND_SUCCESS", "refund"))
                .isEqualTo(ChannelGateway.RefundState.SUCCESS);
        assertThat(AlipayGateway.refundState(true, "10000", null, null, "PROCESSING", "query refund"))
                .isEqualTo(ChannelGateway.RefundState.PROCESSING);
    }

    @Test
    void should_read_a_business_failure_as_a_failed_refund_and_a_system_error_as_a_failed_call() {
        assertThat(AlipayGateway.refundState(false, "40004", "ACQ.SELLER_BALANCE_NOT_ENOUGH", "no money", null, "refund"))
                .isEqualTo(ChannelGateway.RefundState.FAILED);
        assertThatThrownBy(() -> AlipayGateway.refundState(false, "20000", "ACQ.SYSTEM_ERROR", "down", null, "refund"))
                .isInstanceOf(ChannelUnavailableException.class).hasMessageContaining("refund failed");
    }

    @Test
    void should_count_an_empty_answer_and_an_unknown_status_as_failures_of_the_call() {
        assertThatThrownBy(() -> AlipayGateway.refundState(false, null, null, null, null, "refund"))
                .isInstanceOf(ChannelUnavailableException.class).hasMessageContaining("without a refund status");
        assertThatThrownBy(() -> AlipayGateway.refundState(true, "10000", null, null, "REFUND_IN_LIMBO", "query refund"))
                .isInstanceOf(ChannelUnavailableException.class).hasMessageContaining("unknown refund status");
    }
}
