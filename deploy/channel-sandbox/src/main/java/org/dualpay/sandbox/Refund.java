package org.dualpay.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.dualpay.common.channel.Channel;

/** One refund at a channel, idempotent by its refund number. Guarded by its own monitor. */
final class Refund {

    enum Status {
        PROCESSING,
        SUCCESS,
        FAILED
    }

    /**
     * @param notifyUrl where the channel reports the refund's end (WeChat's refund notify); null: nowhere, the
     *     merchant asks
     * @param finishedAt when it ended, SUCCESS or FAILED
     */
    record View(Channel channel, String refundNo, String outTradeNo, long amount, Status status, int submissions,
            Instant createdAt, Instant succeededAt, String notifyUrl, Instant finishedAt,
            List<Trade.NotifyAttempt> notifyAttempts) {
    }

    private final Channel channel;
    private final String refundNo;
    private final String outTradeNo;
    private final long amount;
    private final Instant createdAt;
    private final String notifyUrl;
    private Status status = Status.PROCESSING;
    private int submissions = 1;
    private Instant succeededAt;
    private Instant finishedAt;
    private final List<Trade.NotifyAttempt> attempts = new ArrayList<>();

    Refund(Channel channel, String refundNo, String outTradeNo, long amount, Instant createdAt, String notifyUrl) {
        this.channel = channel;
        this.refundNo = refundNo;
        this.outTradeNo = outTradeNo;
        this.amount = amount;
        this.createdAt = createdAt;
        this.notifyUrl = notifyUrl;
    }

    Channel channel() {
        return channel;
    }

    String refundNo() {
        return refundNo;
    }

    String outTradeNo() {
        return outTradeNo;
    }

    synchronized boolean sameRequest(String otherOutTradeNo, long otherAmount) {
        return outTradeNo.equals(otherOutTradeNo) && amount == otherAmount;
    }

    /** A failed refund submitted again is processed again; any other repeat changes nothing. */
    synchronized boolean resubmit() {
        if (status != Status.FAILED) {
            return false;
        }
        status = Status.PROCESSING;
        submissions++;
        return true;
    }

    /** Ends a refund under way; false when it had already ended (nothing to report again). */
    synchronized boolean finish(boolean success, Instant now) {
        if (status != Status.PROCESSING) {
            return false;
        }
        status = success ? Status.SUCCESS : Status.FAILED;
        succeededAt = success ? now : null;
        finishedAt = now;
        return true;
    }

    synchronized void recordAttempt(int httpStatus, String answer, boolean accepted, Instant at) {
        attempts.add(new Trade.NotifyAttempt(attempts.size() + 1, at, httpStatus, answer, accepted));
    }

    synchronized View view() {
        return new View(channel, refundNo, outTradeNo, amount, status, submissions, createdAt, succeededAt, notifyUrl,
                finishedAt, List.copyOf(attempts));
    }
}
