package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.seata.rm.fence.SpringFenceConfig;
import io.seata.rm.fence.SpringFenceHandler;
import io.seata.rm.tcc.api.BusinessActionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The TCC fence of the refund branch. Empty rollback and a phase two delivered again are provoked
 * for real through the TC with fault points; suspension and a truly repeated phase two cannot be
 * produced on demand, so the fence is driven directly on payment_db's tcc_fence_log.
 */
class TccFenceIT {

    private static final int TRIED = 1;
    private static final int COMMITTED = 2;
    private static final int ROLLED_BACK = 3;
    private static final int SUSPENDED = 4;

    private final Cluster cluster = new Cluster();

    @AfterEach
    void disarm() {
        cluster.disarmFaults(cluster.paymentUrl);
    }

    @Test
    void should_record_an_empty_rollback_when_the_try_failed_and_refund_once_on_the_channels_retry() {
        // given the refund's try fails once, inside the fence's transaction
        cluster.armFault(cluster.paymentUrl, "payment.refund.try", "EXCEPTION", 1);

        // when a duplicate payment arrives: the global transaction rolls back and the TC cancels a
        // branch whose try left nothing behind
        String orderNo = duplicatePayment("fence-empty");

        // then the fence recorded the cancel as an empty rollback (suspended), and the channel's retry refunds once
        cluster.awaitRefunds(orderNo, 1, "SUCCESS");
        Matcher rolledBack = Pattern.compile("global transaction (\\S+) rolled back: DUPLICATE_PAYMENT")
                .matcher(cluster.paymentLogs());
        String xid = null;
        while (rolledBack.find()) {
            xid = rolledBack.group(1);
        }
        assertThat(xid).as("the duplicate payment's first transaction rolled back").isNotNull();
        assertThat(cluster.count("payment_db",
                "SELECT COUNT(*) FROM tcc_fence_log WHERE xid = ? AND action_name = 'refund-attempt' AND status = ?",
                xid, SUSPENDED)).isEqualTo(1);
    }

    @Test
    void should_confirm_once_when_the_tc_delivers_phase_two_again_after_a_failure() {
        // given the refund's confirm fails the first time the TC delivers it
        cluster.armFault(cluster.paymentUrl, "payment.refund.confirm", "EXCEPTION", 1);

        // when a duplicate payment is refunded
        String orderNo = duplicatePayment("fence-retry");

        // then the TC delivers the confirm again, and it takes effect once
        cluster.awaitRefunds(orderNo, 1, "SUCCESS");
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.count("payment_db",
                "SELECT COUNT(*) FROM tcc_fence_log WHERE action_name = 'refund-attempt' AND status = ? "
                        + "AND xid IN (SELECT xid FROM refund WHERE order_no = ?)", COMMITTED, orderNo) == 1);
        assertThat(cluster.faults(cluster.paymentUrl).path("fired").path("payment.refund.confirm").asInt()).isEqualTo(1);
        assertThat(cluster.refunds(orderNo).size()).isEqualTo(1);
    }

    /** The cases the TC cannot be made to produce on demand, on the real table through Seata's fence. */
    @Test
    void should_refuse_a_suspended_try_and_run_each_phase_two_once_when_driven_through_the_fence() throws Exception {
        DriverManagerDataSource db = new DriverManagerDataSource(cluster.mysqlUrl + "/payment_db", cluster.mysqlUser,
                cluster.mysqlPassword);
        new SpringFenceConfig(db, new DataSourceTransactionManager(db)).afterPropertiesSet();
        SpringFenceHandler fence = new SpringFenceHandler();
        Phases phases = new Phases();
        Method confirm = Phases.class.getMethod("confirm", BusinessActionContext.class);
        Method cancel = Phases.class.getMethod("cancel", BusinessActionContext.class);
        AtomicInteger tries = new AtomicInteger();

        // empty rollback: the cancel reaches the participant before its try
        String early = "fence-it:" + UUID.randomUUID();
        long branch = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        assertThat(fence.rollbackFence(cancel, phases, early, branch, new Object[] {context(early)}, "refund-attempt"))
                .isTrue();
        assertThat(phases.cancels).hasValue(0);
        assertThat(status(early)).isEqualTo(SUSPENDED);

        // suspension: the try that arrives after its cancel is refused and does nothing
        assertThatThrownBy(() -> fence.prepareFence(early, branch, "refund-attempt", () -> tries.incrementAndGet()))
                .isInstanceOf(RuntimeException.class);
        assertThat(tries).hasValue(0);

        // repeated confirm: phase two runs once
        String committed = "fence-it:" + UUID.randomUUID();
        fence.prepareFence(committed, branch, "refund-attempt", () -> tries.incrementAndGet());
        assertThat(status(committed)).isEqualTo(TRIED);
        assertThat(fence.commitFence(confirm, phases, committed, branch, new Object[] {context(committed)})).isTrue();
        assertThat(fence.commitFence(confirm, phases, committed, branch, new Object[] {context(committed)})).isTrue();
        assertThat(phases.confirms).hasValue(1);
        assertThat(status(committed)).isEqualTo(COMMITTED);

        // repeated cancel: phase two runs once, and a confirm after it is refused
        String rolledBack = "fence-it:" + UUID.randomUUID();
        fence.prepareFence(rolledBack, branch, "refund-attempt", () -> tries.incrementAndGet());
        fence.rollbackFence(cancel, phases, rolledBack, branch, new Object[] {context(rolledBack)}, "refund-attempt");
        fence.rollbackFence(cancel, phases, rolledBack, branch, new Object[] {context(rolledBack)}, "refund-attempt");
        assertThat(phases.cancels).hasValue(1);
        assertThat(fence.commitFence(confirm, phases, rolledBack, branch, new Object[] {context(rolledBack)})).isFalse();
        assertThat(phases.confirms).hasValue(1);
        assertThat(status(rolledBack)).isEqualTo(ROLLED_BACK);
        assertThat(tries).hasValue(2);
    }

    /** A TCC participant that counts its phase twos. */
    public static class Phases {
        final AtomicInteger confirms = new AtomicInteger();
        final AtomicInteger cancels = new AtomicInteger();

        public boolean confirm(BusinessActionContext context) {
            confirms.incrementAndGet();
            return true;
        }

        public boolean cancel(BusinessActionContext context) {
            cancels.incrementAndGet();
            return true;
        }
    }

    private static BusinessActionContext context(String xid) {
        BusinessActionContext context = new BusinessActionContext();
        context.setXid(xid);
        context.setActionName("refund-attempt");
        return context;
    }

    private long status(String xid) {
        return cluster.count("payment_db", "SELECT status FROM tcc_fence_log WHERE xid = ?", xid);
    }

    private String duplicatePayment(String user) {
        cluster.setStock("SKU-CABLE", 100);
        String orderNo = cluster.createOrder(user, "SKU-CABLE", 1).path("orderNo").asText();
        String first = cluster.startPayment(orderNo, "WECHAT").path("outTradeNo").asText();
        String second = cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText();
        cluster.pay("WECHAT", first);
        cluster.awaitPaid(orderNo, "SKU-CABLE", 99);
        cluster.pay("ALIPAY", second);
        return orderNo;
    }
}
