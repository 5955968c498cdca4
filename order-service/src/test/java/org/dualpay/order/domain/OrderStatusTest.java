package org.dualpay.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OrderStatusTest {

    private static final Set<String> ALLOWED = Set.of(
            "PENDING_PAYMENT->PAID", "PENDING_PAYMENT->CANCELLED", "PENDING_PAYMENT->CLOSED",
            "PAID->REFUNDING", "REFUNDING->REFUNDED");

    @Test
    void only_the_moves_of_the_state_machine_are_allowed() {
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                assertThat(from.canMoveTo(to)).as(from + "->" + to).isEqualTo(ALLOWED.contains(from + "->" + to));
            }
        }
    }

    @Test
    void cancelled_closed_and_refunded_are_final() {
        assertThat(EnumSet.allOf(OrderStatus.class).stream().filter(OrderStatus::isFinal))
                .containsExactlyInAnyOrder(OrderStatus.CANCELLED, OrderStatus.CLOSED, OrderStatus.REFUNDED);
    }

    @Test
    void a_transition_outside_the_machine_cannot_be_built() {
        assertThatThrownBy(() -> new Transition("O1", OrderStatus.PAID, OrderStatus.CANCELLED, "USER_CANCELLED", null))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("PAID -> CANCELLED");
    }
}
