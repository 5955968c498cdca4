package org.dualpay.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.dualpay.common.fault.DeployedFaultPoints;
import org.dualpay.common.fault.FaultPoint;
import org.junit.jupiter.api.Test;

class OrderFaultPointTest {

    @Test
    void every_point_the_chaos_scenarios_and_cluster_tests_arm_here_is_known() {
        assertThat(Arrays.stream(OrderFaultPoint.values()).map(FaultPoint::id))
                .containsAll(DeployedFaultPoints.armed().stream().filter(id -> id.startsWith("order.")).toList())
                .allMatch(id -> id.startsWith("order."))
                .doesNotHaveDuplicates();
    }
}
