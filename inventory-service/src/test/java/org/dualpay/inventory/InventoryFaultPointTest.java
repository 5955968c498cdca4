package org.dualpay.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.dualpay.common.fault.DeployedFaultPoints;
import org.dualpay.common.fault.FaultPoint;
import org.junit.jupiter.api.Test;

class InventoryFaultPointTest {

    @Test
    void every_point_the_chaos_scenarios_and_cluster_tests_arm_here_is_known() {
        assertThat(Arrays.stream(InventoryFaultPoint.values()).map(FaultPoint::id))
                .containsAll(DeployedFaultPoints.armed().stream().filter(id -> id.startsWith("inventory.")).toList())
                .allMatch(id -> id.startsWith("inventory."))
                .doesNotHaveDuplicates();
    }
}
