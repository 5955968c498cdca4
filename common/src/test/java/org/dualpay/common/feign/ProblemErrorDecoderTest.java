package org.dualpay.common.feign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import feign.Request;
import feign.Response;
import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.error.RemoteProblemException;
import org.junit.jupiter.api.Test;

class ProblemErrorDecoderTest {

    private final ProblemErrorDecoder decoder = new ProblemErrorDecoder(new ObjectMapper());

    private static Response answer(int status, String body) {
        Request request = Request.create(Request.HttpMethod.POST, "http://order-service/internal/orders/O1/payment-success",
                Map.of(), null, StandardCharsets.UTF_8, null);
        return Response.builder().request(request).status(status).reason("Conflict").headers(Map.of())
                .body(body, StandardCharsets.UTF_8).build();
    }

    @Test
    void should_keep_code_detail_and_every_other_member_of_a_problem() {
        var e = (RemoteProblemException) decoder.decode("OrderClient#paymentSuccess", answer(409, """
                {"type":"/problems/order-not-payable","title":"Conflict","status":409,"detail":"Order O1 is CANCELLED",
                 "instance":"/internal/orders/O1/payment-success","code":"ORDER_NOT_PAYABLE","orderStatus":"CANCELLED",
                 "available":3,"errors":[{"field":"x"}]}"""));

        assertThat(e.code()).isEqualTo("ORDER_NOT_PAYABLE");
        assertThat(e.is(ProblemCode.ORDER_NOT_PAYABLE)).isTrue();
        assertThat(e.problemCode()).contains(ProblemCode.ORDER_NOT_PAYABLE);
        assertThat(e.detail()).isEqualTo("Order O1 is CANCELLED");
        assertThat(e.property("orderStatus")).contains("CANCELLED");
        assertThat(e.property("available")).contains("3");
        assertThat(e.property("errors")).contains("[{\"field\":\"x\"}]");
        assertThat(e.properties()).doesNotContainKeys("type", "title", "status", "detail", "instance", "code");
        assertThat(e.getMessage()).isEqualTo("OrderClient#paymentSuccess answered 409 ORDER_NOT_PAYABLE: Order O1 is CANCELLED");
        assertThat(e.isRefusal()).isTrue();
    }

    @Test
    void should_name_an_answer_that_is_no_problem_document_by_its_status() {
        var e = (RemoteProblemException) decoder.decode("InventoryClient#deduct", answer(502, "<html>bad gateway</html>"));

        assertThat(e.code()).isEqualTo("HTTP_502");
        assertThat(e.problemCode()).isEmpty();
        assertThat(e.properties()).isEmpty();
        assertThat(e.isRefusal()).isFalse();
    }
}
