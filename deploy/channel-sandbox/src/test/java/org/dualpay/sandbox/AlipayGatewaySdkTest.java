package org.dualpay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import org.dualpay.common.signing.Keys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Alipay's official client, {@code DefaultAlipayClient(serverUrl, ...)} configured as a merchant
 * configures it, against the sandbox's gateway in-process: the sandbox checks the client's RSA2
 * request signatures and the client checks the sandbox's signed answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlipayGatewaySdkTest {

    static final KeyPair MERCHANT = Keys.generate();
    static final KeyPair PLATFORM = Keys.generate();

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.nacos.discovery.enabled", () -> "false");
        registry.add("spring.cloud.service-registry.auto-registration.enabled", () -> "false");
        registry.add("sandbox.channels.WECHAT.api-v3-key", () -> "testApiV3Key0123456789abcdefghij");
        registry.add("sandbox.channels.ALIPAY.platform-private-key", () -> Keys.text(PLATFORM.getPrivate()));
        registry.add("sandbox.channels.ALIPAY.merchant-public-key", () -> Keys.text(MERCHANT.getPublic()));
        registry.add("sandbox.channels.ALIPAY.merchant-id", () -> "2026000000000001");
    }

    @LocalServerPort
    int port;

    @Autowired
    SandboxController sandbox;

    @Test
    void should_precreate_query_pay_refund_and_close_through_the_client() throws Exception {
        // given the merchant's client pointed at the sandbox's gateway
        DefaultAlipayClient client = client(MERCHANT, PLATFORM);
        String outTradeNo = "A" + System.nanoTime();

        // when it opens a trade
        AlipayTradePrecreateResponse created = client.execute(precreate(outTradeNo, "12.34"));

        // then it is there, waiting for the buyer, and the shopper can pay it
        assertThat(created.isSuccess()).isTrue();
        assertThat(created.getQrCode()).endsWith("/sandbox/alipay/trades/" + outTradeNo + "/pay");
        assertThat(client.execute(query(outTradeNo)).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
        sandbox.pay("alipay", outTradeNo);
        AlipayTradeQueryResponse paid = client.execute(query(outTradeNo));
        assertThat(paid.getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(paid.getTotalAmount()).isEqualTo("12.34");
        assertThat(paid.getSendPayDate()).isNotNull();

        // and a paid trade cannot be closed
        AlipayTradeCloseResponse closePaid = client.execute(close(outTradeNo));
        assertThat(closePaid.getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");

        // when it is refunded, the money moves at once and the query says so
        AlipayTradeRefundModel refund = new AlipayTradeRefundModel();
        refund.setOutTradeNo(outTradeNo);
        refund.setOutRequestNo("R" + outTradeNo);
        refund.setRefundAmount("12.34");
        AlipayTradeRefundRequest refundCall = new AlipayTradeRefundRequest();
        refundCall.setBizModel(refund);
        AlipayTradeRefundResponse refunded = client.execute(refundCall);
        assertThat(refunded.isSuccess()).isTrue();
        assertThat(refunded.getFundChange()).isEqualTo("Y");
        AlipayTradeFastpayRefundQueryModel refundQuery = new AlipayTradeFastpayRefundQueryModel();
        refundQuery.setOutTradeNo(outTradeNo);
        refundQuery.setOutRequestNo("R" + outTradeNo);
        AlipayTradeFastpayRefundQueryRequest refundQueryCall = new AlipayTradeFastpayRefundQueryRequest();
        refundQueryCall.setBizModel(refundQuery);
        assertThat(client.execute(refundQueryCall).getRefundStatus()).isEqualTo("REFUND_SUCCESS");

        // and an unknown trade is ACQ.TRADE_NOT_EXIST; an unpaid one closes
        assertThat(client.execute(query("NOPE" + outTradeNo)).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
        client.execute(precreate(outTradeNo + "C", "0.01"));
        assertThat(client.execute(close(outTradeNo + "C")).isSuccess()).isTrue();
        assertThat(client.execute(query(outTradeNo + "C")).getTradeStatus()).isEqualTo("TRADE_CLOSED");
    }

    @Test
    void should_refuse_a_request_signed_with_another_app_key() throws Exception {
        AlipayTradePrecreateResponse answer = client(Keys.generate(), PLATFORM)
                .execute(precreate("F" + System.nanoTime(), "1.00"));

        assertThat(answer.isSuccess()).isFalse();
        assertThat(answer.getCode()).isEqualTo("40002");
        assertThat(answer.getSubCode()).isEqualTo("isv.invalid-signature");
    }

    @Test
    void should_let_the_client_refuse_an_answer_not_signed_by_the_platform() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client(MERCHANT, Keys.generate())
                .execute(precreate("V" + System.nanoTime(), "1.00")))
                .isInstanceOf(AlipayApiException.class);
    }

    private DefaultAlipayClient client(KeyPair merchant, KeyPair platform) throws AlipayApiException {
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl("http://127.0.0.1:" + port + "/gateway.do");
        config.setAppId("2026000000000001");
        config.setPrivateKey(Keys.text(merchant.getPrivate()));
        config.setAlipayPublicKey(Keys.text(platform.getPublic()));
        config.setFormat("json");
        config.setCharset("UTF-8");
        config.setSignType("RSA2");
        return new DefaultAlipayClient(config);
    }

    private static AlipayTradePrecreateRequest precreate(String outTradeNo, String yuan) {
        AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
        model.setOutTradeNo(outTradeNo);
        model.setTotalAmount(yuan);
        model.setSubject("test");
        model.setTimeExpire(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(Instant.now().plusSeconds(600).atZone(ZoneId.of("Asia/Shanghai"))));
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setBizModel(model);
        request.setNotifyUrl("http://127.0.0.1:1/notify");
        return request;
    }

    private static AlipayTradeQueryRequest query(String outTradeNo) {
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(outTradeNo);
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        return request;
    }

    private static AlipayTradeCloseRequest close(String outTradeNo) {
        AlipayTradeCloseModel model = new AlipayTradeCloseModel();
        model.setOutTradeNo(outTradeNo);
        AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
        request.setBizModel(model);
        return request;
    }
}
