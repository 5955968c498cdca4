package org.dualpay.payment.cashier;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.id.Ids;
import org.dualpay.payment.channel.ChannelHealth;
import org.dualpay.payment.channel.ChannelUnavailableException;
import org.dualpay.payment.channel.Channels;
import org.dualpay.payment.channel.ChannelGateway;
import org.dualpay.payment.domain.Attempt;
import org.dualpay.payment.domain.AttemptStatus;
import org.dualpay.payment.domain.OrderStatus;
import org.dualpay.payment.domain.OrderSummary;
import org.dualpay.payment.domain.Payment;
import org.dualpay.payment.domain.PaymentStatus;
import org.dualpay.payment.infrastructure.AttemptMapper;
import org.dualpay.payment.infrastructure.AttemptRow;
import org.dualpay.payment.infrastructure.OrderClient;
import org.dualpay.payment.infrastructure.PaymentMapper;
import org.dualpay.payment.infrastructure.PaymentRow;
import org.dualpay.payment.trade.CloseTrades;
import org.dualpay.payment.trade.PaymentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The shopper chose a channel: open a channel trade for the order. Every call opens a new attempt
 * with its own {@code outTradeNo}; the channel trade expires before the order does. A channel the
 * cashier hides (see {@link ChannelHealth}) is refused; every create-trade outcome feeds its health.
 */
@Service
public class StartPayment {

    private static final Logger log = LoggerFactory.getLogger(StartPayment.class);

    public sealed interface Outcome {
        record Started(Payment payment, Attempt attempt) implements Outcome {
        }

        record OrderNotFound(String orderNo) implements Outcome {
        }

        record AlreadyPaid(String orderNo) implements Outcome {
        }

        record NotPayable(String orderNo, String reason) implements Outcome {
        }

        record ChannelUnavailable(Channel channel, String reason) implements Outcome {
        }
    }

    private final Orders orderBook;
    private final OrderClient orders;
    private final PaymentMapper payments;
    private final AttemptMapper attempts;
    private final Channels channels;
    private final ChannelHealth health;
    private final PaymentProperties properties;
    private final CloseTrades closeTrades;
    private final Clock clock;

    public StartPayment(Orders orderBook, OrderClient orders, PaymentMapper payments, AttemptMapper attempts, Channels channels,
            ChannelHealth health, PaymentProperties properties, CloseTrades closeTrades, Clock clock) {
        this.closeTrades = closeTrades;
        this.orderBook = orderBook;
        this.orders = orders;
        this.payments = payments;
        this.attempts = attempts;
        this.channels = channels;
        this.health = health;
        this.properties = properties;
        this.clock = clock;
    }

    /** Opens a trade for the shopper's own order; another shopper's order is not found for them. */
    public Outcome start(String orderNo, Channel channel, String shopper) {
        OrderSummary order = orderBook.find(orderNo).orElse(null);
        if (order == null || !order.userId().equals(shopper)) {
            return new Outcome.OrderNotFound(orderNo);
        }
        if (order.status() == OrderStatus.PAID) {
            return new Outcome.AlreadyPaid(orderNo);
        }
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            return new Outcome.NotPayable(orderNo, "the order is " + order.status());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant channelExpiry = min(order.expireAt().minus(properties.expiryMargin()), now.plus(properties.channelTtl()));
        if (channelExpiry.isBefore(now.plus(properties.minimumPayWindow()))) {
            return new Outcome.NotPayable(orderNo, "the order expires too soon to be paid");
        }
        CircuitBreaker breaker = health.breaker(channel);
        ChannelHealth.Offer offer = health.offer(channel, orderNo);
        if (!offer.available() || !breaker.tryAcquirePermission()) {
            return new Outcome.ChannelUnavailable(channel, offer.available() ? "the channel is being probed" : offer.reason());
        }
        PaymentRow payment;
        try {
            payment = paymentOf(order, now);
        } catch (RuntimeException e) {
            breaker.releasePermission();
            throw e;
        }
        if (payment.status == PaymentStatus.PAID) {
            breaker.releasePermission();
            return new Outcome.AlreadyPaid(orderNo);
        }
        AttemptRow attempt = new AttemptRow();
        attempt.outTradeNo = Ids.next("PAY");
        attempt.payNo = payment.payNo;
        attempt.orderNo = orderNo;
        attempt.channel = channel;
        attempt.amount = payment.amount;
        attempt.status = AttemptStatus.CREATED;
        attempt.expireAt = channelExpiry;
        attempt.createdAt = now;
        attempt.updatedAt = now;
        attempts.insert(attempt);
        attempts.scheduleQuery(attempt.outTradeNo, now.plus(properties.queryAfter()));

        ChannelGateway.CreatedTrade trade;
        long started = System.nanoTime();
        try {
            trade = channels.gateway(channel).createTrade(new ChannelGateway.TradeRequest(attempt.outTradeNo,
                    attempt.amount, "order " + orderNo, channelExpiry));
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        } catch (ChannelUnavailableException e) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            attempts.markFailed(attempt.outTradeNo, clock.instant());
            log.warn("order {}: {} trade {} not created: {}", orderNo, channel, attempt.outTradeNo, e.getMessage());
            return new Outcome.ChannelUnavailable(channel, e.getMessage());
        }
        // A cancel (or close) may have run while the trade was being created: it found no trade to close,
        // or closed the attempt. Re-check, and never hand the shopper a live trade of an order gone.
        boolean stillOpen = attempts.setPayUrl(attempt.outTradeNo, trade.payUrl(), clock.instant()) == 1;
        OrderStatus orderStatus = stillOpen ? orders.order(orderNo).status() : null;
        if (orderStatus != OrderStatus.PENDING_PAYMENT) {
            log.warn("order {}: {} trade {} opened while the order was closed ({}); closing it", orderNo, channel,
                    attempt.outTradeNo, orderStatus == null ? "(attempt closed)" : orderStatus);
            closeTrades.close(attempts.find(attempt.outTradeNo));
            return new Outcome.NotPayable(orderNo, "the order was cancelled or closed meanwhile");
        }
        attempt.payUrl = trade.payUrl();
        log.info("order {}: {} trade {} opened for {} fen, expires {}", orderNo, channel, attempt.outTradeNo,
                attempt.amount, channelExpiry);
        return new Outcome.Started(payment.toDomain(), attempt.toDomain());
    }

    private PaymentRow paymentOf(OrderSummary order, Instant now) {
        PaymentRow existing = payments.findByOrder(order.orderNo());
        if (existing != null) {
            return existing;
        }
        PaymentRow row = new PaymentRow();
        row.payNo = Ids.next("PMT");
        row.orderNo = order.orderNo();
        row.userId = order.userId();
        row.amount = order.totalAmount();
        row.status = PaymentStatus.PAYING;
        row.createdAt = now;
        row.updatedAt = now;
        try {
            payments.insert(row);
            return row;
        } catch (DuplicateKeyException raced) {
            return payments.findByOrder(order.orderNo());
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
