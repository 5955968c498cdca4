package org.dualpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.dualpay.common.fault.DeployedFaultPoints;
import org.dualpay.common.fault.FaultPoint;
import org.junit.jupiter.api.Test;

class PaymentFaultPointTest {

    @Test
    void every_point_the_chaos_scenarios_and_cluster_tests_arm_here_is_known() {
        assertThat(Arrays.stream(PaymentFaultPoint.values()).map(FaultPoint::id))
                .containsAll(DeployedFaultPoints.armed().stream().filter(id -> id.startsWith("payment.")).toList())
                .allMatch(id -> id.startsWith("payment."))
                .doesNotHaveDuplicates();
    }
}
