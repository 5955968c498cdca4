package org.dualpay.common.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultSpecTest {

    @Test
    void absent_members_take_their_defaults() {
        FaultSpec spec = FaultSpec.of(FaultMode.EXCEPTION, null, null, null);

        assertThat(spec).isEqualTo(new FaultSpec(FaultMode.EXCEPTION, 0, 1.0, 0));
        assertThat(spec.unlimited()).isTrue();
    }

    @Test
    void times_below_one_means_no_limit() {
        assertThat(FaultSpec.of(FaultMode.HALT, null, null, -3).unlimited()).isTrue();
        assertThat(FaultSpec.of(FaultMode.HALT, null, null, 2).times()).isEqualTo(2);
    }

    @Test
    void bad_arguments_are_refused() {
        assertThatThrownBy(() -> FaultSpec.of(FaultMode.EXCEPTION, null, 0.0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultSpec.of(FaultMode.EXCEPTION, null, 1.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultSpec.of(FaultMode.DELAY, null, null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultSpec.of(null, null, null, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_arming_of_chaos_scripts_and_cluster_tests_is_read() {
        assertThat(DeployedFaultPoints.armedIn("""
                arm "$PAYMENT_URL" payment.confirm.before-commit '{"mode":"HALT","times":1}'
                cluster.armFault(cluster.inventoryUrl, "inventory.deduct.after-update", "EXCEPTION", 0);
                armOnce("payment.inbox.before-process");
                private static final String FAULT = "order.mark-paid.after-update";
                """)).containsExactlyInAnyOrder("payment.confirm.before-commit", "inventory.deduct.after-update",
                "payment.inbox.before-process", "order.mark-paid.after-update");
        assertThat(DeployedFaultPoints.armed()).contains("payment.confirm.before-commit", "inventory.deduct.after-update");
    }
}
