package org.dualpay.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class StockLineTest {

    @Test
    void should_refuse_a_line_of_no_units_or_fewer() {
        assertThatThrownBy(() -> new StockLine("SKU-A", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StockLine("SKU-A", -2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_lock_and_deduct_skus_in_code_order_whatever_order_the_order_gave() {
        List<StockLine> lines = List.of(new StockLine("SKU-MOUSE", 1), new StockLine("SKU-CABLE", 3),
                new StockLine("SKU-KEYBOARD", 2));

        assertThat(StockLine.inLockOrder(lines)).extracting(StockLine::skuCode)
                .containsExactly("SKU-CABLE", "SKU-KEYBOARD", "SKU-MOUSE");
        assertThat(StockLine.inLockOrder(List.of(lines.get(2), lines.get(0), lines.get(1))))
                .isEqualTo(StockLine.inLockOrder(lines));
    }
}
