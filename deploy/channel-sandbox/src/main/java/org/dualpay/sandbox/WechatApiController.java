package org.dualpay.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.error.ProblemException;
import org.dualpay.common.signing.NotifySignatures;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat Pay API v3 as the platform serves it on {@code api.mch.weixin.qq.com}: native pay, query by
 * out-trade-no, close, refund and refund query. Each request must carry the merchant's signature
 * ({@link WechatAuthorization}; else 401 {@code SIGN_ERROR}); each answer, errors included, is signed
 * with the platform's key in {@code Wechatpay-*} headers, so the merchant's SDK checks it. Trades and
 * refunds are the sandbox's own ({@link SandboxController}, {@link RefundController}): the same
 * states, knobs and latency as the sandbox's JSON paths.
 */
@RestController
class WechatApiController {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final SandboxController trades;
    private final RefundController refunds;
    private final PlatformKeyring keyring;
    private final SandboxProperties.ChannelSettings settings;
    private final ObjectMapper json;
    private final Clock clock;

    WechatApiController(SandboxController trades, RefundController refunds, PlatformKeyring keyring,
            SandboxProperties properties, ObjectMapper json, Clock clock) {
        this.trades = trades;
        this.refunds = refunds;
        this.keyring = keyring;
        this.settings = properties.settings(Channel.WECHAT);
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/v3/pay/transactions/native")
    ResponseEntity<String> prepay(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestBody String body, HttpServletRequest http) {
        return answer(auth, body, http, () -> {
            JsonNode request = read(body);
            Instant expireAt;
            try {
                expireAt = OffsetDateTime.parse(request.path("time_expire").asText()).toInstant();
            } catch (DateTimeParseException e) {
                return error(HttpStatus.BAD_REQUEST, "PARAM_ERROR", "time_expire is not RFC 3339");
            }
            if (!"CNY".equals(request.path("amount").path("currency").asText("CNY"))) {
                return error(HttpStatus.BAD_REQUEST, "PARAM_ERROR", "currency must be CNY");
            }
            Trade.View trade = trades.create("wechat", new SandboxController.CreateTradeRequest(
                    request.path("out_trade_no").asText(), request.path("amount").path("total").asLong(),
                    request.path("description").asText(null), request.path("notify_url").asText(), expireAt))
                    .getBody();
            return ok(Map.of("code_url", trade.payUrl()));
        });
    }

    @GetMapping("/v3/pay/transactions/out-trade-no/{outTradeNo}")
    ResponseEntity<String> query(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @PathVariable String outTradeNo, HttpServletRequest http) {
        return answer(auth, "", http, () -> ok(transaction(trades.query("wechat", outTradeNo))));
    }

    @PostMapping("/v3/pay/transactions/out-trade-no/{outTradeNo}/close")
    ResponseEntity<String> close(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @PathVariable String outTradeNo, @RequestBody String body, HttpServletRequest http) {
        return answer(auth, body, http, () -> {
            trades.close("wechat", outTradeNo);
            return new Answer(HttpStatus.NO_CONTENT, "");
        });
    }

    @PostMapping("/v3/refund/domestic/refunds")
    ResponseEntity<String> refund(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestBody String body, HttpServletRequest http) {
        return answer(auth, body, http, () -> {
            JsonNode request = read(body);
            if (!"CNY".equals(request.path("amount").path("currency").asText("CNY"))) {
                return error(HttpStatus.BAD_REQUEST, "PARAM_ERROR", "currency must be CNY");
            }
            return refundAnswer(refunds.refund("wechat", new RefundController.RefundRequest(
                    request.path("out_refund_no").asText(), request.path("out_trade_no").asText(),
                    request.path("amount").path("refund").asLong(), request.path("notify_url").asText(null)))
                    .getBody());
        });
    }

    @GetMapping("/v3/refund/domestic/refunds/{outRefundNo}")
    ResponseEntity<String> queryRefund(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @PathVariable String outRefundNo, HttpServletRequest http) {
        return answer(auth, "", http, () -> refundAnswer(refunds.query("wechat", outRefundNo).getBody()));
    }

    /** A refund as WeChat Pay answers it; the odd answers of the refundAnswer knob pass through. */
    private Answer refundAnswer(Object body) {
        if (body == null) {
            return new Answer(HttpStatus.OK, "");
        }
        if (!(body instanceof Refund.View refund)) {
            Map<?, ?> odd = (Map<?, ?>) body;
            return ok(Map.of("out_refund_no", String.valueOf(odd.get("refundNo")), "status", String.valueOf(odd.get("status"))));
        }
        Trade.View trade = trades.query("wechat", refund.outTradeNo());
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("total", trade.amount());
        amount.put("refund", refund.amount());
        amount.put("payer_total", trade.amount());
        amount.put("payer_refund", refund.amount());
        amount.put("settlement_refund", refund.amount());
        amount.put("settlement_total", trade.amount());
        amount.put("discount_refund", 0);
        amount.put("currency", "CNY");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("refund_id", "50000" + Math.abs((long) refund.refundNo().hashCode()));
        answer.put("out_refund_no", refund.refundNo());
        answer.put("transaction_id", trade.channelTradeNo());
        answer.put("out_trade_no", refund.outTradeNo());
        answer.put("channel", "ORIGINAL");
        answer.put("user_received_account", "支付用户零钱");
        if (refund.succeededAt() != null) {
            answer.put("success_time", time(refund.succeededAt()));
        }
        answer.put("create_time", time(refund.createdAt()));
        answer.put("status", wechatRefundStatus(refund.status()));
        answer.put("amount", amount);
        return ok(answer);
    }

    /** WeChat Pay's refund states: a refund the sandbox failed is ABNORMAL (the merchant must act). */
    static String wechatRefundStatus(Refund.Status status) {
        return switch (status) {
            case PROCESSING -> "PROCESSING";
            case SUCCESS -> "SUCCESS";
            case FAILED -> "ABNORMAL";
        };
    }

    private Map<String, Object> transaction(Trade.View trade) {
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("total", trade.amount());
        amount.put("currency", "CNY");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("appid", "wx0000000000sandbox");
        answer.put("mchid", settings.merchantId());
        answer.put("out_trade_no", trade.outTradeNo());
        answer.put("trade_state", trade.status().name());
        answer.put("trade_state_desc", switch (trade.status()) {
            case NOTPAY -> "未支付";
            case SUCCESS -> "支付成功";
            case CLOSED -> "已关闭";
        });
        if (trade.status() == Trade.Status.SUCCESS) {
            answer.put("transaction_id", trade.channelTradeNo());
            answer.put("trade_type", "NATIVE");
            answer.put("success_time", time(trade.paidAt()));
            amount.put("payer_total", trade.amount());
            amount.put("payer_currency", "CNY");
        }
        answer.put("amount", amount);
        return answer;
    }

    private interface Call {
        Answer run();
    }

    private record Answer(HttpStatus status, String body) {
    }

    /** Checks the merchant's signature, runs the call, maps the sandbox's problems to WeChat's codes, signs. */
    private ResponseEntity<String> answer(String authorization, String body, HttpServletRequest http, Call call) {
        String url = http.getRequestURI() + (http.getQueryString() == null ? "" : "?" + http.getQueryString());
        Answer answer;
        if (keyring.merchantKey(Channel.WECHAT) == null) {
            answer = error(HttpStatus.UNAUTHORIZED, "SIGN_ERROR", "no merchant key is configured at the sandbox");
        } else {
            String refusal = WechatAuthorization.refusal(authorization, http.getMethod(), url, body,
                    settings.merchantId(), settings.merchantSerial(), keyring.merchantKey(Channel.WECHAT),
                    clock.instant());
            if (refusal != null) {
                answer = error(HttpStatus.UNAUTHORIZED, "SIGN_ERROR", refusal);
            } else {
                try {
                    answer = call.run();
                } catch (ProblemException e) {
                    answer = problem(e);
                }
            }
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpHeaders headers = new HttpHeaders();
        NotifySignatures.wechatHeaders(keyring.keys().wechat(), keyring.keys().wechatKeyId(), timestamp,
                NotifySignatures.nonce(32), answer.body()).forEach(headers::add);
        headers.add("Request-ID", UUID.randomUUID().toString());
        if (!answer.body().isEmpty()) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return new ResponseEntity<>(answer.body(), headers, answer.status());
    }

    /** The sandbox's problems in WeChat Pay's codes and statuses. */
    private static Answer problem(ProblemException e) {
        String detail = e.getMessage();
        if (!(e.code() instanceof ChannelProblem problem)) {
            return error(HttpStatus.BAD_REQUEST, "PARAM_ERROR", detail);
        }
        return switch (problem) {
            case TRADE_NOT_FOUND -> error(HttpStatus.NOT_FOUND, "ORDER_NOT_EXIST", detail);
            case REFUND_NOT_FOUND -> error(HttpStatus.NOT_FOUND, "RESOURCE_NOT_EXISTS", detail);
            case TRADE_ALREADY_PAID -> error(HttpStatus.BAD_REQUEST, "ORDERPAID", detail);
            case TRADE_CLOSED -> error(HttpStatus.BAD_REQUEST, "ORDER_CLOSED", detail);
            case OUT_TRADE_NO_USED, REFUND_NO_USED, REFUND_EXCEEDS_PAYMENT, TRADE_NOT_PAID ->
                    error(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", detail);
            case SYSTEM_ERROR -> error(HttpStatus.INTERNAL_SERVER_ERROR, "SYSTEM_ERROR", detail);
            case INVALID_EXPIRE_AT, UNKNOWN_CHANNEL -> error(HttpStatus.BAD_REQUEST, "PARAM_ERROR", detail);
        };
    }

    private static Answer error(HttpStatus status, String code, String message) {
        return new Answer(status, "{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}");
    }

    private Answer ok(Object body) {
        try {
            return new Answer(HttpStatus.OK, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ChannelProblem.UNKNOWN_CHANNEL, "the body is not JSON");
        }
    }

    private static String time(Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").format(instant.atZone(BEIJING));
    }
}
