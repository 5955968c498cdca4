package org.dualpay.common.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.dualpay.common.error.ProblemCode;
import org.junit.jupiter.api.Test;

class ArmedFaultPointsTest {

    enum Points implements FaultPoint {
        P("p"), A("a"), DEDUCT("inventory.deduct.after-update");

        private final String id;

        Points(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    private final ArmedFaultPoints faults = new ArmedFaultPoints(List.of(Points.values()));

    private static FaultSpec spec(FaultMode mode, long delayMs, int times) {
        return FaultSpec.of(mode, delayMs, null, times);
    }

    @Test
    void an_unarmed_point_does_nothing() {
        assertThatCode(() -> faults.hit(Points.DEDUCT)).doesNotThrowAnyException();
    }

    @Test
    void an_exception_fault_fires_the_given_number_of_times_then_disarms_itself() {
        faults.arm("p", spec(FaultMode.EXCEPTION, 0, 2));

        assertThatThrownBy(() -> faults.hit(Points.P)).isInstanceOf(InjectedFault.class);
        assertThatThrownBy(() -> faults.hit(Points.P)).isInstanceOf(InjectedFault.class);
        assertThatCode(() -> faults.hit(Points.P)).doesNotThrowAnyException();
        assertThat(faults.describe()).containsEntry("armed", Map.of()).containsEntry("fired", Map.of("p", 2L));
    }

    @Test
    void a_delay_fault_waits_and_goes_on() {
        faults.arm("p", spec(FaultMode.DELAY, 50, 1));

        long start = System.nanoTime();
        faults.hit(Points.P);

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(50);
    }

    @Test
    void disarm_all_clears_every_point() {
        faults.arm("a", spec(FaultMode.EXCEPTION, 0, 0));
        faults.disarmAll();

        assertThatCode(() -> faults.hit(Points.A)).doesNotThrowAnyException();
    }

    @Test
    void an_unknown_point_is_refused_with_the_known_ones() {
        assertThatThrownBy(() -> faults.arm("payment.confirm.before-comit", spec(FaultMode.HALT, 0, 1)))
                .isInstanceOfSatisfying(UnknownFaultPointException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.UNKNOWN_FAULT_POINT);
                    assertThat(e.status().value()).isEqualTo(404);
                    assertThat(e.properties()).containsEntry("point", "payment.confirm.before-comit")
                            .containsEntry("knownPoints", List.of("a", "inventory.deduct.after-update", "p"));
                });
        assertThat(faults.describe()).containsEntry("armed", Map.of());
    }

    @Test
    void every_known_point_is_listed_armed_or_not_with_how_often_it_fired() {
        faults.arm("p", spec(FaultMode.EXCEPTION, 0, 0));
        assertThatThrownBy(() -> faults.hit(Points.P)).isInstanceOf(InjectedFault.class);

        assertThat(faults.describe().get("points")).isEqualTo(Map.of(
                "a", Map.of("armed", false, "fired", 0L),
                "inventory.deduct.after-update", Map.of("armed", false, "fired", 0L),
                "p", Map.of("armed", true, "fired", 1L)));
    }
}
