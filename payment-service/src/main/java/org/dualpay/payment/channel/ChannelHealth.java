package org.dualpay.payment.channel;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.dualpay.common.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Each channel's health, from its recent create-trade outcomes: a Resilience4j circuit breaker per
 * channel. Below the success rate (80 % by default) over the last calls the breaker opens and the
 * cashier hides the channel; after a wait it half-opens and the cashier offers the channel to a
 * small share of shoppers, whose trades probe it; enough successes close it again.
 *
 * <p>The breakers ({@code channel-wechat}, {@code channel-alipay}) live in the registry of
 * Resilience4j's Spring Boot starter, whose Micrometer binding publishes each one's state, failure
 * rate and calls ({@code resilience4j_circuitbreaker_state{name, state}}, ...): the dashboard's
 * channel availability is {@code state="closed"}.
 */
@Component
public class ChannelHealth {

    /**
     * @param minimumSuccessRate the share of successful create-trade calls below which a channel is hidden
     * @param window how many recent calls the rate is taken over
     * @param minimumCalls how many calls are needed before the rate counts
     * @param openFor how long a hidden channel stays hidden before it is probed
     * @param probeCalls how many probing calls decide whether it comes back
     * @param probeShare the share of shoppers a probing channel is offered to, in percent
     */
    @ConfigurationProperties("dualpay.channels.health")
    public record Settings(@DefaultValue("80") int minimumSuccessRate, @DefaultValue("10") int window,
            @DefaultValue("5") int minimumCalls, @DefaultValue("10s") Duration openFor,
            @DefaultValue("3") int probeCalls, @DefaultValue("20") int probeShare) {
    }

    /** Whether the cashier offers a channel, and why not. */
    public record Offer(Channel channel, boolean available, String reason) {
    }

    private static final Logger log = LoggerFactory.getLogger(ChannelHealth.class);

    private final Map<Channel, CircuitBreaker> breakers = new EnumMap<>(Channel.class);
    private final Settings settings;

    public ChannelHealth(Settings settings, CircuitBreakerRegistry registry) {
        this.settings = settings;
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(100 - settings.minimumSuccessRate())
                .waitDurationInOpenState(settings.openFor())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(settings.probeCalls())
                .build();
        for (Channel channel : Channel.values()) {
            CircuitBreaker breaker = registry.circuitBreaker(breakerName(channel), config);
            breaker.getEventPublisher().onStateTransition(event -> log.warn("channel {} health: {}", channel,
                    event.getStateTransition()));
            breakers.put(channel, breaker);
        }
    }

    /** What the cashier shows this shopper for this channel. */
    public Offer offer(Channel channel, String orderNo) {
        CircuitBreaker breaker = breakers.get(channel);
        return switch (breaker.getState()) {
            case CLOSED -> new Offer(channel, true, null);
            case HALF_OPEN -> Math.floorMod(orderNo.hashCode(), 100) < settings.probeShare()
                    ? new Offer(channel, true, "probing: offered to some shoppers while the channel recovers")
                    : new Offer(channel, false, "recovering: " + rate(breaker));
            default -> new Offer(channel, false, "unhealthy: " + rate(breaker) + ", hidden for a while");
        };
    }

    /** The breaker's name in the registry and on its meters: {@code channel-wechat}, {@code channel-alipay}. */
    public static String breakerName(Channel channel) {
        return "channel-" + channel.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A channel's health as the cashier acts on it (the operator's console): the breaker's state, what
     * the cashier does with it (offered to every shopper, to a share while probing, or hidden), why, and
     * the recent calls it decides on. Per instance: each payment-service keeps its own breakers.
     */
    public record Health(Channel channel, String state, String cashier, String reason, int recentCalls,
            int recentFailures, float failureRatePercent) {
    }

    public Health health(Channel channel) {
        CircuitBreaker breaker = breakers.get(channel);
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        String cashier = switch (breaker.getState()) {
            case CLOSED -> "offered to every shopper";
            case HALF_OPEN -> "offered to " + settings.probeShare() + " % of shoppers (probing)";
            default -> "hidden";
        };
        String reason = breaker.getState() == CircuitBreaker.State.CLOSED ? "healthy" : rate(breaker);
        return new Health(channel, breaker.getState().name(), cashier, reason, metrics.getNumberOfBufferedCalls(),
                metrics.getNumberOfFailedCalls(), metrics.getFailureRate());
    }

    public CircuitBreaker breaker(Channel channel) {
        return breakers.get(channel);
    }

    private String rate(CircuitBreaker breaker) {
        float failures = breaker.getMetrics().getFailureRate();
        return failures < 0 ? "too few recent calls"
                : String.format("%.0f %% of recent trades failed (the floor is %d %% success)", failures,
                        settings.minimumSuccessRate());
    }
}
