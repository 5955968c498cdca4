package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The TCC fence of the refund branch, each case produced for real through the TC with fault points
 * in the real refund action ({@code RefundTcc}), and checked on payment_db's {@code tcc_fence_log},
 * the refund rows, the channel and what the shopper was told.
 */
class TccFenceIT {

    private static final int COMMITTED = 2;
    private static final int ROLLED_BACK = 3;
    private static final int SUSPENDED = 4;

    private final Cluster cluster = new Cluster();

    private record Duplicate(String orderNo, String userId, String refundedOutTradeNo) {
    }

    @Test
    void should_record_an_empty_rollback_when_the_try_failed_and_refund_once_on_the_channels_retry() {
        // given the refund's try fails once, inside the fence's transaction
        cluster.armFault(cluster.paymentUrl, "payment.refund.try", "EXCEPTION", 1);

        // when a duplicate payment arrives: the global transaction rolls back and the TC cancels a
        // branch whose try left nothing behind
        Duplicate duplicate = duplicatePayment("fence-empty");

        // then the fence recorded the cancel as an empty rollback (suspended), and the channel's retry refunds once
        cluster.awaitRefunds(duplicate.orderNo(), 1, "SUCCESS");
        String xid = xid(cluster.awaitPaymentLogLine("rolled back: DUPLICATE_PAYMENT",
                "(" + duplicate.refundedOutTradeNo() + ")"), "global transaction (\\S+) rolled back");
        Cluster.eventually("the fence of " + xid + " SUSPENDED (an empty rollback)", () -> assertThat(cluster.count(
                "payment_db", "SELECT COUNT(*) FROM tcc_fence_log WHERE xid = ? AND action_name = 'refund-attempt' "
                        + "AND status = ?", xid, SUSPENDED)).isEqualTo(1));
        assertRefundedOnce(duplicate);
    }

    @Test
    void should_confirm_once_when_the_tc_delivers_phase_two_again_after_a_failure() {
        // given the refund's confirm fails the first time the TC delivers it (fired counts are per instance
        // since it started: this scenario counts its own)
        int firedBefore = cluster.faults(cluster.paymentUrl).path("fired").path("payment.refund.confirm").asInt();
        cluster.armFault(cluster.paymentUrl, "payment.refund.confirm", "EXCEPTION", 1);

        // when a duplicate payment is refunded
        Duplicate duplicate = duplicatePayment("fence-retry");

        // then the TC delivers the confirm again, and it takes effect once
        cluster.awaitRefunds(duplicate.orderNo(), 1, "SUCCESS");
        Cluster.eventually("the refund's fence COMMITTED once", () -> assertThat(cluster.count("payment_db",
                "SELECT COUNT(*) FROM tcc_fence_log WHERE action_name = 'refund-attempt' AND status = ? "
                        + "AND xid IN (SELECT xid FROM refund WHERE order_no = ?)", COMMITTED, duplicate.orderNo()))
                .isEqualTo(1));
        assertThat(cluster.faults(cluster.paymentUrl).path("fired").path("payment.refund.confirm").asInt())
                .isEqualTo(firedBefore + 1);
        assertRefundedOnce(duplicate);
    }

    @Test
    void should_roll_back_a_refund_whose_try_outlived_its_global_transaction_and_refund_once_on_the_channels_retry() {
        // given the refund's try takes longer (35 s) than its global transaction may (30 s)
        cluster.armFault(cluster.paymentUrl, "payment.refund.try", "DELAY", 1, 35_000);

        // when a duplicate payment arrives: the TC times the transaction out and rolls it back while the
        // try still sleeps inside its fence. The cancel waits for the try's fence row; then either the
        // try finds the money's record rolled back and refuses (the fence records an empty rollback),
        // or it tried first and the cancel cancels it: which one is up to the TC's order of branches.
        Duplicate duplicate = duplicatePayment("fence-late-try");

        // then a later transaction (the channel notified again) refunded the money, once
        cluster.awaitRefunds(duplicate.orderNo(), 1, "SUCCESS");
        String late = xid(cluster.awaitPaymentLogLine("rolled back: DUPLICATE_PAYMENT",
                "(" + duplicate.refundedOutTradeNo() + ")"), "global transaction (\\S+) rolled back");
        String confirmed = (String) cluster.rows("payment_db", "SELECT xid FROM refund WHERE out_trade_no = ?",
                duplicate.refundedOutTradeNo()).get(0).get("xid");
        assertThat(confirmed).as("the refund was confirmed by a later transaction").isNotEqualTo(late);
        Cluster.eventually("the late try's fence rolled back (empty or not) and the refund's COMMITTED", () -> {
            assertThat(cluster.count("payment_db", "SELECT status FROM tcc_fence_log WHERE xid = ? "
                    + "AND action_name = 'refund-attempt'", late)).as("fence of " + late).isIn((long) ROLLED_BACK,
                    (long) SUSPENDED);
            assertThat(cluster.count("payment_db", "SELECT status FROM tcc_fence_log WHERE xid = ? "
                    + "AND action_name = 'refund-attempt'", confirmed)).as("fence of " + confirmed).isEqualTo(COMMITTED);
        });
        if (cluster.count("payment_db", "SELECT status FROM tcc_fence_log WHERE xid = ?", late) == SUSPENDED) {
            // the try woke up to a world that had moved on (its record rolled back, or the money already
            // handed to another refund) and refused: nothing of it was kept
            Cluster.eventually("the late try refused", () -> assertThat(
                    cluster.paymentLogLines("attempt " + duplicate.refundedOutTradeNo() + " ").stream()
                            .filter(line -> line.contains("has no money to refund") || line.contains("already has refund"))
                            .toList()).isNotEmpty());
        }
        assertRefundedOnce(duplicate);
    }

    /** One refund at the channel, for the duplicate's amount; the shopper told once of each. */
    private void assertRefundedOnce(Duplicate duplicate) {
        String refundNo = cluster.refunds(duplicate.orderNo()).get(0).path("refundNo").asText();
        assertThat(cluster.get(cluster.sandboxUrl + "/sandbox/alipay/refunds/" + refundNo).json().path("status").asText())
                .isEqualTo("SUCCESS");
        assertThat(cluster.count("payment_db", "SELECT COUNT(*) FROM refund WHERE out_trade_no = ?",
                duplicate.refundedOutTradeNo())).isEqualTo(1);
        Cluster.eventually("the shopper told of the duplicate and of the refund, once each", () ->
                assertThat(cluster.notifications(duplicate.userId()).findValuesAsText("kind"))
                        .containsExactlyInAnyOrder("DUPLICATE_PAYMENT_DETECTED", "REFUND_SUCCEEDED"));
    }

    private static String xid(String line, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(line);
        assertThat(matcher.find()).as("an XID in " + line).isTrue();
        return matcher.group(1);
    }

    /** An order paid on WeChat, then paid again on Alipay: the Alipay money is to be refunded. */
    private Duplicate duplicatePayment(String user) {
        String userId = user + "-" + java.util.UUID.randomUUID();
        cluster.setStock("SKU-CABLE", 100);
        String orderNo = cluster.createOrder(userId, "SKU-CABLE", 1).path("orderNo").asText();
        String first = cluster.startPayment(orderNo, "WECHAT").path("outTradeNo").asText();
        String second = cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText();
        cluster.pay("WECHAT", first);
        cluster.awaitPaid(orderNo, "SKU-CABLE", 99);
        cluster.pay("ALIPAY", second);
        return new Duplicate(orderNo, userId, second);
    }
}
