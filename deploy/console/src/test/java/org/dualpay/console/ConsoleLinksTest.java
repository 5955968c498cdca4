package org.dualpay.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConsoleLinksTest {

    @Test
    void should_link_an_xid_to_its_trace_in_zipkin_by_annotation_query() {
        ConsoleProperties properties = new ConsoleProperties("http://zipkin.example:9411/", "x", List.of(), "", "seata",
                "", List.of());

        assertThat(properties.traceLink("127.0.0.1:8091:2207616177627021389"))
                .isEqualTo("http://zipkin.example:9411/zipkin/?annotationQuery=xid%3D127.0.0.1%3A8091%3A2207616177627021389");
    }

    @Test
    void should_find_the_order_a_violation_names_in_its_subject_or_detail() {
        assertThat(ReconciliationPage.orderOf("order ORD20261206042343179M59S0003 PAID with 2 applied"))
                .isEqualTo("ORD20261206042343179M59S0003");
        assertThat(ReconciliationPage.orderOf("attempt PAY2026 89900 fen received for order ORD2026120604 (PENDING_PAYMENT)"))
                .isEqualTo("ORD2026120604");
        assertThat(ReconciliationPage.orderOf("sku SKU-HEADSET stock 5 but its movements add up to 7")).isNull();
    }

    @Test
    void should_take_only_order_numbers_and_fault_point_names_as_they_are_written() {
        assertThat(OrderPages.ORDER_NO.matcher("ORD20261206042343179M59S0003").matches()).isTrue();
        assertThat(OrderPages.ORDER_NO.matcher("../actuator").matches()).isFalse();
        assertThat(FaultPages.POINT.matcher("inventory.deduct.after-update").matches()).isTrue();
        assertThat(FaultPages.POINT.matcher("x/../../env").matches()).isFalse();
    }
}
