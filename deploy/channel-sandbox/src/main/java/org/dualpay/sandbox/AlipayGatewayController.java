package org.dualpay.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.error.ProblemException;
import org.dualpay.common.money.Money;
import org.dualpay.common.signing.NotifySignatures;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alipay's open-platform gateway ({@code https://openapi.alipay.com/gateway.do}): one URL, the call
 * named by {@code method} ({@code alipay.trade.precreate}, {@code .query}, {@code .close},
 * {@code .refund}, {@code .fastpay.refund.query}), the request's parameters signed RSA2 with the
 * merchant's key over every parameter but {@code sign}, sorted; the answer
 * {@code {"<method>_response":{...},"sign":"..."}} signed RSA2 with the platform's key over the
 * response object's text, so that {@code DefaultAlipayClient(serverUrl, ...)} talks to it unchanged.
 * Refunds are synchronous, as Alipay's are. Trades, refunds, knobs and latency are the sandbox's own.
 */
@RestController
class AlipayGatewayController {

    private static final DateTimeFormatter ALIPAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final SandboxController trades;
    private final RefundController refunds;
    private final PlatformKeyring keyring;
    private final SandboxProperties.ChannelSettings settings;
    private final ObjectMapper json;
    private final Clock clock;

    AlipayGatewayController(SandboxController trades, RefundController refunds, PlatformKeyring keyring,
            SandboxProperties properties, ObjectMapper json, Clock clock) {
        this.trades = trades;
        this.refunds = refunds;
        this.keyring = keyring;
        this.settings = properties.settings(Channel.ALIPAY);
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/gateway.do")
    ResponseEntity<String> gateway(@RequestParam Map<String, String> params) {
        String method = params.getOrDefault("method", "");
        String node = method.replace('.', '_') + "_response";
        Map<String, Object> answer;
        String refusal = refusal(params);
        if (refusal != null) {
            answer = error("40002", "Invalid Arguments", "isv.invalid-signature", refusal);
        } else {
            try {
                answer = call(method, read(params.get("biz_content")), params.get("notify_url"));
            } catch (ProblemException e) {
                answer = problem(e);
            }
        }
        String body;
        try {
            String response = json.writeValueAsString(answer);
            body = "{\"" + node + "\":" + response + ",\"sign\":\""
                    + NotifySignatures.sha256WithRsa(keyring.keys().alipay(), response) + "\"}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** Why the request is not the merchant's, or null. */
    String refusal(Map<String, String> params) {
        if (keyring.merchantKey(Channel.ALIPAY) == null) {
            return "no merchant key is configured at the sandbox";
        }
        if (!settings.merchantId().equals(params.get("app_id"))) {
            return "unknown app_id " + params.get("app_id");
        }
        if (!"RSA2".equals(params.get("sign_type")) || params.get("sign") == null) {
            return "the request is not signed RSA2";
        }
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.remove("sign");
        String content = new java.util.TreeMap<>(signed).entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining("&"));
        return WechatAuthorization.verifies(keyring.merchantKey(Channel.ALIPAY), content, params.get("sign"))
                ? null : "the signature does not verify";
    }

    private Map<String, Object> call(String method, JsonNode biz, String notifyUrl) {
        String outTradeNo = biz.path("out_trade_no").asText();
        return switch (method) {
            case "alipay.trade.precreate" -> {
                Instant expireAt = biz.hasNonNull("time_expire")
                        ? java.time.LocalDateTime.parse(biz.path("time_expire").asText(),
                                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).atZone(ZoneId.of("Asia/Shanghai")).toInstant()
                        : clock.instant().plusSeconds(7200);
                Trade.View trade = trades.create("alipay", new SandboxController.CreateTradeRequest(outTradeNo,
                        Money.fromYuan(biz.path("total_amount").asText()), biz.path("subject").asText(null),
                        notifyUrl, expireAt)).getBody();
                Map<String, Object> answer = success();
                answer.put("out_trade_no", outTradeNo);
                answer.put("qr_code", trade.payUrl());
                yield answer;
            }
            case "alipay.trade.query" -> {
                Trade.View trade = trades.query("alipay", outTradeNo);
                Map<String, Object> answer = success();
                answer.put("out_trade_no", outTradeNo);
                answer.put("trade_status", switch (trade.status()) {
                    case NOTPAY -> "WAIT_BUYER_PAY";
                    case SUCCESS -> "TRADE_SUCCESS";
                    case CLOSED -> "TRADE_CLOSED";
                });
                answer.put("total_amount", Money.toYuan(trade.amount()));
                if (trade.status() == Trade.Status.SUCCESS) {
                    answer.put("trade_no", trade.channelTradeNo());
                    answer.put("receipt_amount", Money.toYuan(trade.amount()));
                    answer.put("send_pay_date", ALIPAY_TIME.format(trade.paidAt()));
                }
                yield answer;
            }
            case "alipay.trade.close" -> {
                trades.close("alipay", outTradeNo);
                Map<String, Object> answer = success();
                answer.put("out_trade_no", outTradeNo);
                yield answer;
            }
            case "alipay.trade.refund" -> refundAnswer(refunds.refundAtOnce("alipay", new RefundController.RefundRequest(
                    biz.path("out_request_no").asText(), outTradeNo, Money.fromYuan(biz.path("refund_amount").asText())))
                    .getBody(), true);
            case "alipay.trade.fastpay.refund.query" ->
                    refundAnswer(refunds.query("alipay", biz.path("out_request_no").asText()).getBody(), false);
            default -> error("40004", "Business Failed", "isv.invalid-method", "no method " + method);
        };
    }

    /**
     * A refund as Alipay answers it: the synchronous answer says {@code fund_change} Y once the money
     * moved, and a failed refund is a business failure; the query has {@code refund_status}
     * REFUND_SUCCESS once it is done. The refundAnswer knob's odd answers pass through.
     */
    private Map<String, Object> refundAnswer(Object body, boolean submission) {
        if (body == null) {
            return new LinkedHashMap<>();
        }
        if (!(body instanceof Refund.View refund)) {
            Map<String, Object> odd = success();
            odd.put("out_request_no", String.valueOf(((Map<?, ?>) body).get("refundNo")));
            odd.put("refund_status", String.valueOf(((Map<?, ?>) body).get("status")));
            return odd;
        }
        if (refund.status() == Refund.Status.FAILED && submission) {
            return error("40004", "Business Failed", "ACQ.SELLER_BALANCE_NOT_ENOUGH",
                    "refund " + refund.refundNo() + " failed (sandbox fault)");
        }
        Map<String, Object> answer = success();
        answer.put("out_trade_no", refund.outTradeNo());
        answer.put("out_request_no", refund.refundNo());
        answer.put("refund_amount", Money.toYuan(refund.amount()));
        if (submission) {
            answer.put("refund_fee", Money.toYuan(refund.amount()));
            answer.put("fund_change", refund.status() == Refund.Status.SUCCESS ? "Y" : "N");
        } else if (refund.status() == Refund.Status.SUCCESS) {
            answer.put("refund_status", "REFUND_SUCCESS");
        } else if (refund.status() == Refund.Status.FAILED) {
            answer.put("refund_status", "REFUND_FAIL");
        }
        return answer;
    }

    /** The sandbox's problems in Alipay's codes. */
    private static Map<String, Object> problem(ProblemException e) {
        String detail = e.getMessage();
        if (!(e.code() instanceof ChannelProblem problem)) {
            return error("40004", "Business Failed", "ACQ.INVALID_PARAMETER", detail);
        }
        return switch (problem) {
            case TRADE_NOT_FOUND -> error("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", detail);
            case REFUND_NOT_FOUND -> success();
            case TRADE_ALREADY_PAID, TRADE_CLOSED, TRADE_NOT_PAID ->
                    error("40004", "Business Failed", "ACQ.TRADE_STATUS_ERROR", detail);
            case OUT_TRADE_NO_USED -> error("40004", "Business Failed", "ACQ.TRADE_HAS_SUCCESS", detail);
            case REFUND_NO_USED, REFUND_EXCEEDS_PAYMENT ->
                    error("40004", "Business Failed", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", detail);
            case SYSTEM_ERROR -> error("20000", "Service Currently Unavailable", "ACQ.SYSTEM_ERROR", detail);
            case INVALID_EXPIRE_AT, UNKNOWN_CHANNEL -> error("40004", "Business Failed", "ACQ.INVALID_PARAMETER", detail);
        };
    }

    private static Map<String, Object> success() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", "10000");
        answer.put("msg", "Success");
        return answer;
    }

    private static Map<String, Object> error(String code, String msg, String subCode, String subMsg) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", code);
        answer.put("msg", msg);
        answer.put("sub_code", subCode);
        answer.put("sub_msg", subMsg);
        return answer;
    }

    private JsonNode read(String bizContent) {
        try {
            return json.readTree(bizContent == null ? "{}" : bizContent);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ChannelProblem.UNKNOWN_CHANNEL, "biz_content is not JSON");
        }
    }
}
