package org.dualpay.payment.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.dualpay.common.channel.Channel;
import org.dualpay.payment.channel.Channels;
import org.dualpay.payment.channel.InboundNotify;
import org.dualpay.payment.channel.ChannelProtocol;
import org.dualpay.payment.channel.NotifyAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The channels' callbacks. Answers are in each channel's own format (WeChat: 204 or a JSON FAIL;
 * Alipay: the text {@code success} or {@code fail}), never problem documents, since a channel reads them.
 */
@RestController
@Tag(name = "channel notifies", description = "Called by the payment channels, not by shoppers")
class NotifyController {

    private static final Logger log = LoggerFactory.getLogger(NotifyController.class);
    private static final int MAX_BODY = 64 * 1024;

    private final HandleNotify handleNotify;
    private final Channels channels;

    NotifyController(HandleNotify handleNotify, Channels channels) {
        this.handleNotify = handleNotify;
        this.channels = channels;
    }

    @Operation(operationId = "channelNotify", summary = "A channel's payment or refund notify",
            description = "No credential of ours: each notify is verified by its channel's signature (WeChat Pay v3: "
                    + "Wechatpay-Signature over timestamp, nonce and body, resource encrypted with AES-256-GCM; Alipay: "
                    + "RSA2 over the sorted form), its timestamp window and nonce (replay), and the trade it names. "
                    + "A refused notify changes nothing and is counted. Answers are in the channel's own format, "
                    + "never problem documents: WeChat 204, or a JSON {\"code\": \"FAIL\"} with 4xx/5xx; Alipay "
                    + "the text success (200), or fail with 4xx/5xx.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                @Content(mediaType = "application/json", schema = @Schema(type = "object",
                        description = "WECHAT: the v3 notify (id, event_type, resource{algorithm, ciphertext, nonce, "
                                + "associated_data}) with the Wechatpay-* headers")),
                @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(type = "object",
                        description = "ALIPAY: the asynchronous notify form (notify_id, out_trade_no, trade_status, "
                                + "total_amount, sign_type, sign, ...)"))}),
            responses = {
                @ApiResponse(responseCode = "200", description = "ALIPAY: stored or already known",
                        content = @Content(mediaType = "text/plain", examples = @ExampleObject(value = "success"))),
                @ApiResponse(responseCode = "204", description = "WECHAT: stored or already known"),
                @ApiResponse(responseCode = "400", description = "Refused: stale timestamp, replayed nonce, unknown "
                        + "trade, unreadable (WECHAT: a JSON FAIL naming the reason; ALIPAY: the text fail)", content = @Content(
                        mediaType = "application/json", examples = @ExampleObject(value = """
                                {"code": "FAIL", "message": "STALE_TIMESTAMP"}"""))),
                @ApiResponse(responseCode = "401", description = "Refused: the signature does not verify (or the "
                        + "WeChat resource does not decrypt)", content =
                        @Content(mediaType = "application/json", examples = @ExampleObject(value = """
                                {"code": "FAIL", "message": "BAD_SIGNATURE"}"""))),
                @ApiResponse(responseCode = "500", description = "Not stored (the database is down): the channel "
                        + "must notify again")})
    @PostMapping("/api/payments/notify/{channel}")
    ResponseEntity<String> notify(@PathVariable Channel channel, HttpServletRequest request) throws IOException {
        ChannelProtocol protocol = channels.protocol(channel);
        InboundNotify notify = read(request);
        HandleNotify.Answer answer;
        try {
            answer = handleNotify.handle(protocol, notify);
        } catch (RuntimeException e) {
            // Not stored (the database is down, say): the channel must notify again.
            log.error("{} notify not stored; the channel will retry", channel, e);
            return http(protocol.reject(500, "not stored, retry"));
        }
        if (answer instanceof HandleNotify.Answer.Acknowledge) {
            return http(protocol.acknowledge());
        }
        var refuse = (HandleNotify.Answer.Refuse) answer;
        return http(protocol.reject(refuse.reason().httpStatus(), refuse.reason().name()));
    }

    private static ResponseEntity<String> http(NotifyAnswer answer) {
        if (answer.body() == null) {
            return ResponseEntity.status(answer.status()).build();
        }
        return ResponseEntity.status(answer.status()).contentType(MediaType.parseMediaType(answer.contentType()))
                .body(answer.body());
    }

    private static InboundNotify read(HttpServletRequest request) throws IOException {
        Map<String, String> headers = new HashMap<>();
        Collections.list(request.getHeaderNames())
                .forEach(name -> headers.put(name.toLowerCase(), request.getHeader(name)));
        if (MediaType.APPLICATION_FORM_URLENCODED.includes(contentType(request))) {
            Map<String, String> form = new HashMap<>();
            request.getParameterMap().forEach((name, values) -> form.put(name, values.length == 0 ? "" : values[0]));
            return new InboundNotify(headers, null, form);
        }
        String body = new String(request.getInputStream().readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        return new InboundNotify(headers, body, null);
    }

    private static MediaType contentType(HttpServletRequest request) {
        try {
            return request.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM
                    : MediaType.parseMediaType(request.getContentType());
        } catch (RuntimeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
