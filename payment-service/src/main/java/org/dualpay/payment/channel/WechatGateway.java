package org.dualpay.payment.channel;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.WechatPayException;
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
import com.wechat.pay.java.service.refund.model.Refund;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.dualpay.common.channel.Channel;
import org.dualpay.payment.domain.PaymentNotice;

/**
 * WeChat Pay API v3 through the official SDK (wechatpay-java): {@link NativePayService} (native pay,
 * query by out-trade-no, close) and {@link RefundService} (refund, refund query). The SDK signs each
 * request with our merchant key ({@code Authorization: WECHATPAY2-SHA256-RSA2048 ...}) and checks each
 * answer's signature with the platform's public key. The SDK's paths name {@code api.mch.weixin.qq.com};
 * its OkHttp client is given an interceptor that sends them to {@code baseUrl}'s scheme, host and port
 * (the path, which the signature covers, is untouched), so the real host is a setting like any other.
 */
final class WechatGateway implements ChannelGateway {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** WeChat's time format (RFC 3339, whole seconds, the offset): {@code 2026-11-25T10:50:00+08:00}. */
    static final java.time.format.DateTimeFormatter RFC3339 =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final NativePayService trades;
    private final RefundService refunds;
    private final String merchantId;
    private final String appId;
    private final String notifyUrl;

    WechatGateway(ChannelProperties.Endpoint endpoint, Duration connectTimeout, Duration readTimeout) {
        Config config = new RSAPublicKeyConfig.Builder()
                .merchantId(endpoint.merchantId())
                .privateKey(endpoint.merchantPrivateKey())
                .merchantSerialNumber(endpoint.merchantSerial())
                .publicKey(endpoint.platformPublicKey())
                .publicKeyId(endpoint.platformKeyId())
                .apiV3Key(endpoint.apiV3Key())
                .build();
        HttpUrl base = HttpUrl.get(URI.create(endpoint.baseUrl()));
        OkHttpClient ok = new OkHttpClient.Builder()
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .url(chain.request().url().newBuilder().scheme(base.scheme()).host(base.host())
                                .port(base.port()).build())
                        .build()))
                .retryOnConnectionFailure(false)
                .build();
        HttpClient http = new DefaultHttpClientBuilder().config(config).okHttpClient(ok)
                .connectTimeoutMs((int) connectTimeout.toMillis())
                .readTimeoutMs((int) readTimeout.toMillis())
                .writeTimeoutMs((int) readTimeout.toMillis())
                .build();
        this.trades = new NativePayService.Builder().httpClient(http).build();
        this.refunds = new RefundService.Builder().httpClient(http).build();
        this.merchantId = endpoint.merchantId();
        this.appId = endpoint.appId();
        this.notifyUrl = endpoint.notifyUrl();
    }

    @Override
    public Channel channel() {
        return Channel.WECHAT;
    }

    @Override
    public CreatedTrade createTrade(TradeRequest request) {
        PrepayRequest prepay = new PrepayRequest();
        prepay.setAppid(appId);
        prepay.setMchid(merchantId);
        prepay.setDescription(request.description() == null ? request.outTradeNo() : request.description());
        prepay.setOutTradeNo(request.outTradeNo());
        prepay.setTimeExpire(RFC3339.format(request.expireAt().atZone(BEIJING)));
        prepay.setNotifyUrl(notifyUrl);
        Amount amount = new Amount();
        amount.setTotal(Math.toIntExact(request.amount()));
        amount.setCurrency("CNY");
        prepay.setAmount(amount);
        String codeUrl = call("create trade", () -> trades.prepay(prepay)).getCodeUrl();
        if (codeUrl == null) {
            throw new ChannelUnavailableException("create trade answered without a pay URL", null);
        }
        return new CreatedTrade(request.outTradeNo(), codeUrl, request.expireAt());
    }

    @Override
    public CloseResult close(String outTradeNo) {
        CloseOrderRequest close = new CloseOrderRequest();
        close.setMchid(merchantId);
        close.setOutTradeNo(outTradeNo);
        try {
            trades.closeOrder(close);
            return CloseResult.CLOSED;
        } catch (ServiceException e) {
            if ("ORDERPAID".equals(e.getErrorCode())) {
                return CloseResult.ALREADY_PAID;
            }
            if (e.getHttpStatusCode() == 404 || "ORDER_NOT_EXIST".equals(e.getErrorCode())) {
                return CloseResult.UNKNOWN_TRADE;
            }
            throw unavailable("close trade", e);
        } catch (WechatPayException e) {
            throw unavailable("close trade", e);
        }
    }

    @Override
    public Optional<PaymentNotice> queryPaid(String outTradeNo) {
        QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
        query.setMchid(merchantId);
        query.setOutTradeNo(outTradeNo);
        Transaction trade;
        try {
            trade = trades.queryOrderByOutTradeNo(query);
        } catch (ServiceException e) {
            if (e.getHttpStatusCode() == 404 || "ORDER_NOT_EXIST".equals(e.getErrorCode())) {
                return Optional.empty();
            }
            throw unavailable("query trade", e);
        } catch (WechatPayException e) {
            throw unavailable("query trade", e);
        }
        if (trade == null || trade.getTradeState() != Transaction.TradeStateEnum.SUCCESS) {
            return Optional.empty();
        }
        if (trade.getAmount() == null || trade.getAmount().getTotal() == null || trade.getSuccessTime() == null) {
            throw new ChannelUnavailableException("query trade answered SUCCESS without amount or time", null);
        }
        Instant paidAt = OffsetDateTime.parse(trade.getSuccessTime()).toInstant();
        return Optional.of(new PaymentNotice(Channel.WECHAT, "QUERY-" + trade.getTransactionId(), outTradeNo,
                trade.getTransactionId(), trade.getAmount().getTotal(), paidAt));
    }

    /** This system refunds whole payments only, so the trade's total is the refund's amount. */
    @Override
    public RefundState refund(String refundNo, String outTradeNo, long amount) {
        CreateRequest refund = new CreateRequest();
        refund.setOutTradeNo(outTradeNo);
        refund.setOutRefundNo(refundNo);
        AmountReq money = new AmountReq();
        money.setRefund(amount);
        money.setTotal(amount);
        money.setCurrency("CNY");
        refund.setAmount(money);
        // WeChat reports the refund's end there too (REFUND.SUCCESS / REFUND.ABNORMAL), beside our queries
        refund.setNotifyUrl(notifyUrl);
        return state("refund", call("refund", () -> refunds.create(refund)));
    }

    @Override
    public RefundState queryRefund(String refundNo, String outTradeNo) {
        QueryByOutRefundNoRequest query = new QueryByOutRefundNoRequest();
        query.setOutRefundNo(refundNo);
        return state("query refund", call("query refund", () -> refunds.queryByOutRefundNo(query)));
    }

    /**
     * WeChat Pay's refund states: SUCCESS, PROCESSING, and CLOSED or ABNORMAL, which are failures the
     * merchant must act on. A status the SDK does not know reads as none, inside an answer that is there.
     */
    static RefundState state(String what, Refund refund) {
        if (refund == null) {
            throw new ChannelUnavailableException(what + " answered without a refund status", null);
        }
        if (refund.getStatus() == null) {
            throw new ChannelUnavailableException(what + " answered an unknown refund status (none of the SDK's)", null);
        }
        return state(refund.getStatus());
    }

    /** WeChat's refund status in ours: closed and abnormal refunds moved no money, so they failed. */
    static RefundState state(com.wechat.pay.java.service.refund.model.Status status) {
        return switch (status) {
            case SUCCESS -> RefundState.SUCCESS;
            case PROCESSING -> RefundState.PROCESSING;
            case CLOSED, ABNORMAL -> RefundState.FAILED;
        };
    }

    private static <T> T call(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (WechatPayException e) {
            throw unavailable(what, e);
        }
    }

    private static ChannelUnavailableException unavailable(String what, RuntimeException e) {
        String detail = e instanceof ServiceException service
                ? service.getHttpStatusCode() + " " + service.getErrorCode() + " " + service.getErrorMessage()
                : e.getMessage();
        return new ChannelUnavailableException(what + " failed: " + detail, e);
    }
}
