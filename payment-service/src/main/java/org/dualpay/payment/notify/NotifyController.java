package org.dualpay.payment.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

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
class NotifyController {

    private static final Logger log = LoggerFactory.getLogger(NotifyController.class);
    private static final int MAX_BODY = 64 * 1024;

    private final HandleNotify handleNotify;
    private final Channels channels;

    NotifyController(HandleNotify handleNotify, Channels channels) {
        this.handleNotify = handleNotify;
        this.channels = channels;
    }

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
