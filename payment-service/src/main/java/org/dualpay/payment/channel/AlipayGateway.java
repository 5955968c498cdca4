package org.dualpay.payment.channel;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
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
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.money.Money;
import org.dualpay.payment.domain.PaymentNotice;

/**
 * Alipay's open platform through the official SDK (alipay-sdk-java's {@link DefaultAlipayClient}):
 * {@code alipay.trade.precreate}, {@code .query}, {@code .close}, {@code .refund} and
 * {@code .fastpay.refund.query} on one gateway URL, each request signed RSA2 with our app's private key
 * and each answer's signature checked with Alipay's public key by the client. Amounts are yuan strings
 * there, fen here.
 */
final class AlipayGateway implements ChannelGateway {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ALIPAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final AlipayClient client;
    private final String notifyUrl;

    AlipayGateway(ChannelProperties.Endpoint endpoint, Duration connectTimeout, Duration readTimeout) {
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(endpoint.baseUrl());
        config.setAppId(endpoint.merchantId());
        config.setPrivateKey(endpoint.merchantPrivateKey());
        config.setAlipayPublicKey(endpoint.platformPublicKey());
        config.setFormat("json");
        config.setCharset("UTF-8");
        config.setSignType("RSA2");
        config.setConnectTimeout((int) connectTimeout.toMillis());
        config.setReadTimeout((int) readTimeout.toMillis());
        try {
            this.client = new DefaultAlipayClient(config);
        } catch (AlipayApiException e) {
            throw new IllegalStateException("the Alipay client cannot be built: " + e.getMessage(), e);
        }
        this.notifyUrl = endpoint.notifyUrl();
    }

    @Override
    public Channel channel() {
        return Channel.ALIPAY;
    }

    @Override
    public CreatedTrade createTrade(TradeRequest request) {
        AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
        model.setOutTradeNo(request.outTradeNo());
        model.setTotalAmount(Money.toYuan(request.amount()));
        model.setSubject(request.description() == null ? request.outTradeNo() : request.description());
        model.setTimeExpire(ALIPAY_TIME.format(request.expireAt().atZone(BEIJING)));
        AlipayTradePrecreateRequest call = new AlipayTradePrecreateRequest();
        call.setBizModel(model);
        call.setNotifyUrl(notifyUrl);
        AlipayTradePrecreateResponse answer = execute("create trade", call);
        if (!answer.isSuccess()) {
            throw failed("create trade", answer);
        }
        if (answer.getQrCode() == null) {
            throw new ChannelUnavailableException("create trade answered without a pay URL", null);
        }
        return new CreatedTrade(request.outTradeNo(), answer.getQrCode(), request.expireAt());
    }

    @Override
    public CloseResult close(String outTradeNo) {
        AlipayTradeCloseModel model = new AlipayTradeCloseModel();
        model.setOutTradeNo(outTradeNo);
        AlipayTradeCloseRequest call = new AlipayTradeCloseRequest();
        call.setBizModel(model);
        AlipayResponse answer = execute("close trade", call);
        if (answer.isSuccess()) {
            return CloseResult.CLOSED;
        }
        if ("ACQ.TRADE_NOT_EXIST".equals(answer.getSubCode())) {
            return CloseResult.UNKNOWN_TRADE;
        }
        if ("ACQ.TRADE_STATUS_ERROR".equals(answer.getSubCode())) {
            return CloseResult.ALREADY_PAID;
        }
        throw failed("close trade", answer);
    }

    @Override
    public Optional<PaymentNotice> queryPaid(String outTradeNo) {
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(outTradeNo);
        AlipayTradeQueryRequest call = new AlipayTradeQueryRequest();
        call.setBizModel(model);
        AlipayTradeQueryResponse answer = execute("query trade", call);
        if (!answer.isSuccess()) {
            if ("ACQ.TRADE_NOT_EXIST".equals(answer.getSubCode())) {
                return Optional.empty();
            }
            throw failed("query trade", answer);
        }
        if (!"TRADE_SUCCESS".equals(answer.getTradeStatus()) && !"TRADE_FINISHED".equals(answer.getTradeStatus())) {
            return Optional.empty();
        }
        if (answer.getTotalAmount() == null || answer.getSendPayDate() == null) {
            throw new ChannelUnavailableException("query trade answered TRADE_SUCCESS without amount or time", null);
        }
        // the SDK reads the Beijing wall-clock time in this JVM's zone: read it back as Beijing time
        java.time.Instant paidAt = LocalDateTime.ofInstant(answer.getSendPayDate().toInstant(), ZoneId.systemDefault())
                .atZone(BEIJING).toInstant();
        return Optional.of(new PaymentNotice(Channel.ALIPAY, "QUERY-" + answer.getTradeNo(), outTradeNo,
                answer.getTradeNo(), Money.fromYuan(answer.getTotalAmount()), paidAt));
    }

    /** Alipay refunds at once: {@code fund_change} Y when the money moved; N asks for the refund query. */
    @Override
    public RefundState refund(String refundNo, String outTradeNo, long amount) {
        AlipayTradeRefundModel model = new AlipayTradeRefundModel();
        model.setOutTradeNo(outTradeNo);
        model.setOutRequestNo(refundNo);
        model.setRefundAmount(Money.toYuan(amount));
        AlipayTradeRefundRequest call = new AlipayTradeRefundRequest();
        call.setBizModel(model);
        AlipayTradeRefundResponse answer = execute("refund", call);
        return refundState(answer.isSuccess(), answer.getCode(), answer.getSubCode(), answer.getSubMsg(),
                answer.getFundChange() == null ? null : "Y".equals(answer.getFundChange()) ? "REFUND_SUCCESS" : "PROCESSING",
                "refund");
    }

    @Override
    public RefundState queryRefund(String refundNo, String outTradeNo) {
        AlipayTradeFastpayRefundQueryModel model = new AlipayTradeFastpayRefundQueryModel();
        model.setOutTradeNo(outTradeNo);
        model.setOutRequestNo(refundNo);
        AlipayTradeFastpayRefundQueryRequest call = new AlipayTradeFastpayRefundQueryRequest();
        call.setBizModel(model);
        AlipayTradeFastpayRefundQueryResponse answer = execute("query refund", call);
        return refundState(answer.isSuccess(), answer.getCode(), answer.getSubCode(), answer.getSubMsg(),
                answer.getRefundStatus() == null ? "PROCESSING" : answer.getRefundStatus(), "query refund");
    }

    /**
     * An answer in our refund states: a business failure (40004) is a FAILED refund, a system one (20000)
     * a failed call; REFUND_SUCCESS is SUCCESS; no status (nothing moved yet) PROCESSING.
     */
    static RefundState refundState(boolean success, String code, String subCode, String subMsg, String status,
            String what) {
        if (code == null) {
            throw new ChannelUnavailableException(what + " answered without a refund status", null);
        }
        if (!success) {
            if ("40004".equals(code)) {
                return RefundState.FAILED;
            }
            throw new ChannelUnavailableException(what + " failed: " + code + " " + subCode + " " + subMsg, null);
        }
        return switch (status == null ? "" : status) {
            case "REFUND_SUCCESS" -> RefundState.SUCCESS;
            case "PROCESSING" -> RefundState.PROCESSING;
            case "REFUND_FAIL" -> RefundState.FAILED;
            case "" -> throw new ChannelUnavailableException(what + " answered without a refund status", null);
            default -> throw new ChannelUnavailableException(what + " answered an unknown refund status " + status, null);
        };
    }

    private <T extends AlipayResponse> T execute(String what, AlipayRequest<T> request) {
        try {
            T answer = client.execute(request);
            if (answer == null) {
                throw new ChannelUnavailableException(what + " failed: no answer", null);
            }
            return answer;
        } catch (AlipayApiException e) {
            throw new ChannelUnavailableException(what + " failed: " + e.getErrMsg(), e);
        } catch (RuntimeException e) {
            if (e instanceof ChannelUnavailableException) {
                throw e;
            }
            throw new ChannelUnavailableException(what + " failed: " + e.getMessage(), e);
        }
    }

    private static ChannelUnavailableException failed(String what, AlipayResponse answer) {
        return new ChannelUnavailableException(what + " failed: " + answer.getCode() + " " + answer.getSubCode() + " "
                + answer.getSubMsg(), null);
    }
}
