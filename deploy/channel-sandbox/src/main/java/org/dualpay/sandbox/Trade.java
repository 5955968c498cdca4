package org.dualpay.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.dualpay.common.channel.Channel;

/** One channel trade. Mutable, guarded by its own monitor. */
public final class Trade {

    public enum Status {
        NOTPAY,
        SUCCESS,
        CLOSED
    }

    public enum NotifyState {
        NONE,
        PENDING,
        DELIVERED,
        GAVE_UP
    }

    /** One delivery attempt of the notify, as the merchant answered it. */
    public record NotifyAttempt(int number, Instant at, int httpStatus, String answer, boolean accepted) {
    }

    public record View(Channel channel, String outTradeNo, long amount, String description, String notifyUrl,
            Instant expireAt, Status status, String channelTradeNo, Instant paidAt, String payUrl, String notifyId,
            NotifyState notifyState, List<NotifyAttempt> notifyAttempts) {
    }

    private final Channel channel;
    private final String outTradeNo;
    private final long amount;
    private final String description;
    private final String notifyUrl;
    private final Instant expireAt;
    private final String payUrl;
    private Status status = Status.NOTPAY;
    private String channelTradeNo;
    private Instant paidAt;
    private String notifyId;
    private NotifyState notifyState = NotifyState.NONE;
    private final List<NotifyAttempt> attempts = new ArrayList<>();

    Trade(Channel channel, String outTradeNo, long amount, String description, String notifyUrl, Instant expireAt,
            String payUrl) {
        this.channel = channel;
        this.outTradeNo = outTradeNo;
        this.amount = amount;
        this.description = description;
        this.notifyUrl = notifyUrl;
        this.expireAt = expireAt;
        this.payUrl = payUrl;
    }

    synchronized boolean sameRequest(long otherAmount, String otherNotifyUrl) {
        return amount == otherAmount && notifyUrl.equals(otherNotifyUrl);
    }

    /** Closes the trade if it has expired; returns its status. */
    synchronized Status refresh(Instant now) {
        if (status == Status.NOTPAY && !now.isBefore(expireAt)) {
            status = Status.CLOSED;
        }
        return status;
    }

    synchronized boolean pay(String tradeNo, String eventId, Instant now) {
        if (refresh(now) != Status.NOTPAY) {
            return false;
        }
        status = Status.SUCCESS;
        channelTradeNo = tradeNo;
        paidAt = now;
        notifyId = eventId;
        notifyState = NotifyState.PENDING;
        return true;
    }

    synchronized boolean close(Instant now) {
        if (refresh(now) == Status.SUCCESS) {
            return false;
        }
        status = Status.CLOSED;
        return true;
    }

    synchronized void recordAttempt(int httpStatus, String answer, boolean accepted, Instant at) {
        attempts.add(new NotifyAttempt(attempts.size() + 1, at, httpStatus, answer, accepted));
        if (accepted) {
            notifyState = NotifyState.DELIVERED;
        }
    }

    synchronized void giveUp() {
        if (notifyState == NotifyState.PENDING) {
            notifyState = NotifyState.GAVE_UP;
        }
    }

    public Channel channel() {
        return channel;
    }

    public String outTradeNo() {
        return outTradeNo;
    }

    public synchronized View view() {
        return new View(channel, outTradeNo, amount, description, notifyUrl, expireAt, status, channelTradeNo, paidAt,
                payUrl, notifyId, notifyState, List.copyOf(attempts));
    }
}
