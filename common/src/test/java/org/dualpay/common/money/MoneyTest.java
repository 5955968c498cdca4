package org.dualpay.common.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void fen_and_yuan_convert_exactly_both_ways() {
        assertThat(Money.toYuan(0)).isEqualTo("0.00");
        assertThat(Money.toYuan(5)).isEqualTo("0.05");
        assertThat(Money.toYuan(39900)).isEqualTo("399.00");
        assertThat(Money.fromYuan("399.00")).isEqualTo(39900);
        assertThat(Money.fromYuan("0.5")).isEqualTo(50);
        assertThat(Money.fromYuan("12")).isEqualTo(1200);
    }

    @Test
    void refuses_fractions_of_a_fen_signs_and_garbage() {
        for (String bad : new String[] {"1.234", "-1.00", "1e3", "", " 1.00", "abc", null}) {
            assertThatThrownBy(() -> Money.fromYuan(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
