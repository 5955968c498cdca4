package org.dualpay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.KeyPair;
import java.time.Instant;
import java.time.ZoneId;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Status;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.signing.Keys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * WeChat Pay's official SDK, configured as a merchant configures it (its key, its mchid and serial,
 * the platform's public key), against the sandbox's v3 paths in-process: the sandbox checks the SDK's
 * request signatures and the SDK checks the sandbox's answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WechatApiSdkTest {

    static final KeyPair MERCHANT = Keys.generate();
    static final KeyPair PLATFORM = Keys.generate();
    static final String API_V3_KEY = "testApiV3Key0123456789abcdefghij";

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.nacos.discovery.enabled", () -> "false");
        registry.add("spring.cloud.service-registry.auto-registration.enabled", () -> "false");
        registry.add("sandbox.channels.WECHAT.platform-private-key", () -> Keys.text(PLATFORM.getPrivate()));
        registry.add("sandbox.channels.WECHAT.api-v3-key", () -> API_V3_KEY);
        registry.add("sandbox.channels.WECHAT.merchant-public-key", () -> Keys.text(MERCHANT.getPublic()));
        registry.add("sandbox.channels.WECHAT.merchant-id", () -> "1900000001");
        registry.add("sandbox.channels.WECHAT.merchant-serial", () -> "MERCHANT-SERIAL");
    }

    @LocalServerPort
    int port;

    @Autowired
    SandboxController sandbox;

    @Autowired
    Faults faults;

    @Test
    void should_open_query_pay_refund_and_close_through_the_sdk() throws Exception {
        // given a merchant's SDK pointed at the sandbox
        NativePayService trades = new NativePayService.Builder().httpClient(sdk(MERCHANT, PLATFORM)).build();
        RefundService refunds = new RefundService.Builder().httpClient(sdk(MERCHANT, PLATFORM)).build();
        String outTradeNo = "T" + System.nanoTime();

        // when it opens a native trade
        String codeUrl = trades.prepay(prepay(outTradeNo, 1234)).getCodeUrl();

        // then the trade is there, unpaid, and the shopper can pay it
        assertThat(codeUrl).endsWith("/sandbox/wechat/trades/" + outTradeNo + "/pay");
        assertThat(query(trades, outTradeNo).getTradeState()).isEqualTo(Transaction.TradeStateEnum.NOTPAY);
        sandbox.pay("wechat", outTradeNo);
        Transaction paid = query(trades, outTradeNo);
        assertThat(paid.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertThat(paid.getAmount().getTotal()).isEqualTo(1234);
        assertThat(paid.getTransactionId()).startsWith("4200");

        // and a paid trade cannot be closed
        assertThatThrownBy(() -> trades.closeOrder(close(outTradeNo)))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("ORDERPAID"));

        // when it is refunded, the refund is PROCESSING and then SUCCESS
        CreateRequest refund = new CreateRequest();
        refund.setOutTradeNo(outTradeNo);
        refund.setOutRefundNo("R" + outTradeNo);
        AmountReq amount = new AmountReq();
        amount.setRefund(1234L);
        amount.setTotal(1234L);
        amount.setCurrency("CNY");
        refund.setAmount(amount);
        assertThat(refunds.create(refund).getStatus()).isEqualTo(Status.PROCESSING);
        QueryByOutRefundNoRequest refundQuery = new QueryByOutRefundNoRequest();
        refundQuery.setOutRefundNo("R" + outTradeNo);
        Thread.sleep(400);
        assertThat(refunds.queryByOutRefundNo(refundQuery).getStatus()).isEqualTo(Status.SUCCESS);

        // and an unknown trade is ORDER_NOT_EXIST, 404
        assertThatThrownBy(() -> query(trades, "NOPE" + outTradeNo))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getHttpStatusCode()).isEqualTo(404));
        // and an unpaid one closes (204, signed)
        String other = outTradeNo + "C";
        trades.prepay(prepay(other, 1));
        trades.closeOrder(close(other));
        assertThat(query(trades, other).getTradeState()).isEqualTo(Transaction.TradeStateEnum.CLOSED);
    }

    @Test
    void should_refuse_a_request_signed_with_another_merchant_key() {
        NativePayService forger = new NativePayService.Builder().httpClient(sdk(Keys.generate(), PLATFORM)).build();

        assertThatThrownBy(() -> forger.prepay(prepay("F" + System.nanoTime(), 1)))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(401);
                    assertThat(e.getErrorCode()).isEqualTo("SIGN_ERROR");
                });
    }

    @Test
    void should_let_the_sdk_refuse_an_answer_not_signed_by_the_platform() {
        NativePayService fooled = new NativePayService.Builder().httpClient(sdk(MERCHANT, Keys.generate())).build();

        assertThatThrownBy(() -> fooled.prepay(prepay("V" + System.nanoTime(), 1)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void should_answer_system_error_when_the_create_trade_knob_fails_it() {
        NativePayService trades = new NativePayService.Builder().httpClient(sdk(MERCHANT, PLATFORM)).build();
        faults.set(Channel.WECHAT, new Faults.Knobs(1.0, 0, 0, false, false, 0, null, null, 0, false, false));
        try {
            assertThatThrownBy(() -> trades.prepay(prepay("K" + System.nanoTime(), 1)))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.getHttpStatusCode()).isEqualTo(500);
                        assertThat(e.getErrorCode()).isEqualTo("SYSTEM_ERROR");
                    });
        } finally {
            faults.set(Channel.WECHAT, null);
        }
    }

    private HttpClient sdk(KeyPair merchant, KeyPair platform) {
        RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder().merchantId("1900000001")
                .privateKey(merchant.getPrivate()).merchantSerialNumber("MERCHANT-SERIAL")
                .publicKey(platform.getPublic()).publicKeyId("PUB_KEY_ID_SANDBOX").apiV3Key(API_V3_KEY).build();
        HttpUrl base = HttpUrl.get(URI.create("http://127.0.0.1:" + port));
        OkHttpClient ok = new OkHttpClient.Builder().addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                .url(chain.request().url().newBuilder().scheme(base.scheme()).host(base.host()).port(base.port()).build())
                .build())).build();
        return new DefaultHttpClientBuilder().config(config).okHttpClient(ok).build();
    }

    private static PrepayRequest prepay(String outTradeNo, int fen) {
        PrepayRequest prepay = new PrepayRequest();
        prepay.setAppid("wx0000000000sandbox");
        prepay.setMchid("1900000001");
        prepay.setDescription("test");
        prepay.setOutTradeNo(outTradeNo);
        prepay.setTimeExpire(Instant.now().plusSeconds(600).atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime().toString());
        prepay.setNotifyUrl("http://127.0.0.1:1/notify");
        Amount amount = new Amount();
        amount.setTotal(fen);
        amount.setCurrency("CNY");
        prepay.setAmount(amount);
        return prepay;
    }

    private static Transaction query(NativePayService trades, String outTradeNo) {
        QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
        query.setMchid("1900000001");
        query.setOutTradeNo(outTradeNo);
        return trades.queryOrderByOutTradeNo(query);
    }

    private static CloseOrderRequest close(String outTradeNo) {
        CloseOrderRequest close = new CloseOrderRequest();
        close.setMchid("1900000001");
        close.setOutTradeNo(outTradeNo);
        return close;
    }

}
