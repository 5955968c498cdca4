package org.dualpay.common.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ArmedFaultPointsTest {

    private final ArmedFaultPoints faults = new ArmedFaultPoints();

    @Test
    void an_unarmed_point_does_nothing() {
        assertThatCode(() -> faults.hit("inventory.deduct.after-update")).doesNotThrowAnyException();
    }

    @Test
    void an_exception_fault_fires_the_given_number_of_times_then_disarms_itself() {
        faults.arm("p", FaultMode.EXCEPTION, 0, 1.0, 2);

        assertThatThrownBy(() -> faults.hit("p")).isInstanceOf(InjectedFault.class);
        assertThatThrownBy(() -> faults.hit("p")).isInstanceOf(InjectedFault.class);
        assertThatCode(() -> faults.hit("p")).doesNotThrowAnyException();
        assertThat(faults.describe()).containsEntry("armed", Map.of()).containsEntry("fired", Map.of("p", 2L));
    }

    @Test
    void a_delay_fault_waits_and_goes_on() {
        faults.arm("p", FaultMode.DELAY, 50, 1.0, 1);

        long start = System.nanoTime();
        faults.hit("p");

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(50);
    }

    @Test
    void disarm_all_clears_every_point() {
        faults.arm("a", FaultMode.EXCEPTION, 0, 1.0, 0);
        faults.disarmAll();

        assertThatCode(() -> faults.hit("a")).doesNotThrowAnyException();
    }

    @Test
    void bad_arguments_are_refused() {
        assertThatThrownBy(() -> faults.arm("p", FaultMode.EXCEPTION, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.arm("p", FaultMode.DELAY, 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
