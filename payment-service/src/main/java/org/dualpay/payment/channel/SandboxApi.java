package org.dualpay.payment.channel;

import java.time.Instant;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The channel API calls. Both channels of the sandbox take the same JSON here; the real APIs differ,
 * and each adapter would hide that behind {@link ChannelGateway}.
 */
class SandboxApi {

    private record CreateTradeBody(String outTradeNo, long amount, String description, String notifyUrl,
            Instant expireAt) {
    }

    record TradeView(String outTradeNo, String payUrl, Instant expireAt, String status, String channelTradeNo,
            long amount, Instant paidAt) {
    }

    private record RefundBody(String refundNo, String outTradeNo, long amount) {
    }

    record RefundView(String refundNo, String status) {
    }

    private final RestClient http;
    private final String notifyUrl;

    SandboxApi(ChannelProperties properties, ChannelProperties.Endpoint endpoint) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout((int) properties.connectTimeout().toMillis());
        factory.setReadTimeout((int) properties.readTimeout().toMillis());
        this.http = RestClient.builder().baseUrl(endpoint.baseUrl()).requestFactory(factory).build();
        this.notifyUrl = endpoint.notifyUrl();
    }

    ChannelGateway.CreatedTrade create(ChannelGateway.TradeRequest request) {
        TradeView trade = call("create trade", () -> http.post().uri("/trades").contentType(MediaType.APPLICATION_JSON)
                .body(new CreateTradeBody(request.outTradeNo(), request.amount(), request.description(), notifyUrl,
                        request.expireAt()))
                .retrieve().body(TradeView.class));
        if (trade == null || trade.payUrl() == null) {
            throw new ChannelUnavailableException("create trade answered without a pay URL", null);
        }
        return new ChannelGateway.CreatedTrade(trade.outTradeNo(), trade.payUrl(), trade.expireAt());
    }

    /** The trade as the channel sees it, or null when the channel does not know it. */
    TradeView query(String outTradeNo) {
        try {
            return call("query trade", () -> http.get().uri("/trades/{no}", outTradeNo).retrieve().body(TradeView.class));
        } catch (ChannelUnavailableException e) {
            if (e.getCause() instanceof HttpClientErrorException.NotFound) {
                return null;
            }
            throw e;
        }
    }

    /** Closes the trade: CLOSED, ALREADY_PAID when the channel refuses because it was paid, UNKNOWN_TRADE on 404. */
    ChannelGateway.CloseResult close(String outTradeNo) {
        try {
            call("close trade", () -> http.post().uri("/trades/{no}/close", outTradeNo).retrieve().toBodilessEntity());
            return ChannelGateway.CloseResult.CLOSED;
        } catch (ChannelUnavailableException e) {
            if (e.getCause() instanceof HttpClientErrorException error) {
                if (error.getStatusCode().isSameCodeAs(HttpStatusCode.valueOf(409))) {
                    return ChannelGateway.CloseResult.ALREADY_PAID;
                }
                if (error.getStatusCode().isSameCodeAs(HttpStatusCode.valueOf(404))) {
                    return ChannelGateway.CloseResult.UNKNOWN_TRADE;
                }
            }
            throw e;
        }
    }

    RefundView refund(String refundNo, String outTradeNo, long amount) {
        return call("refund", () -> http.post().uri("/refunds").contentType(MediaType.APPLICATION_JSON)
                .body(new RefundBody(refundNo, outTradeNo, amount)).retrieve().body(RefundView.class));
    }

    RefundView queryRefund(String refundNo) {
        return call("query refund", () -> http.get().uri("/refunds/{no}", refundNo).retrieve().body(RefundView.class));
    }

    private static <T> T call(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RestClientException e) {
            throw new ChannelUnavailableException(what + " failed: " + e.getMessage(), e);
        }
    }
}
