package org.dualpay.payment.channel;

import java.time.Instant;

import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Create-trade calls to the channel API. Both channels of the sandbox take the same JSON here; the
 * real APIs differ, and an adapter would hide that.
 */
class SandboxTrades {

    private record CreateTradeBody(String outTradeNo, long amount, String description, String notifyUrl,
            Instant expireAt) {
    }

    private record TradeView(String outTradeNo, String payUrl, Instant expireAt) {
    }

    private final RestClient http;
    private final String notifyUrl;

    SandboxTrades(ChannelProperties properties, ChannelProperties.Endpoint endpoint) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout((int) properties.connectTimeout().toMillis());
        factory.setReadTimeout((int) properties.readTimeout().toMillis());
        this.http = RestClient.builder().baseUrl(endpoint.baseUrl()).requestFactory(factory).build();
        this.notifyUrl = endpoint.notifyUrl();
    }

    PaymentChannel.CreatedTrade create(PaymentChannel.TradeRequest request) {
        try {
            TradeView trade = http.post().uri("/trades").contentType(MediaType.APPLICATION_JSON)
                    .body(new CreateTradeBody(request.outTradeNo(), request.amount(), request.description(), notifyUrl,
                            request.expireAt()))
                    .retrieve().body(TradeView.class);
            if (trade == null || trade.payUrl() == null) {
                throw new ChannelUnavailableException("create trade answered without a pay URL", null);
            }
            return new PaymentChannel.CreatedTrade(trade.outTradeNo(), trade.payUrl(), trade.expireAt());
        } catch (RestClientException e) {
            throw new ChannelUnavailableException("create trade failed: " + e.getMessage(), e);
        }
    }
}
