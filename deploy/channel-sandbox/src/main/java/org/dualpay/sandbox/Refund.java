package org.dualpay.sandbox;

import java.time.Instant;

import org.dualpay.common.channel.Channel;

/** One refund at a channel, idempotent by its refund number. Guarded by its own monitor. */
final class Refund {

    enum Status {
        PROCESSING,
        SUCCESS,
        FAILED
    }

    record View(Channel channel, String refundNo, String outTradeNo, long amount, Status status, int submissions,
            Instant createdAt, Instant succeededAt) {
    }

    private final Channel channel;
    private final String refundNo;
    private final String outTradeNo;
    private final long amount;
    private final Instant createdAt;
    private Status status = Status.PROCESSING;
    private int submissions = 1;
    private Instant succeededAt;

    Refund(Channel channel, String refundNo, String outTradeNo, long amount, Instant createdAt) {
        this.channel = channel;
        this.refundNo = refundNo;
        this.outTradeNo = outTradeNo;
        this.amount = amount;
        this.createdAt = createdAt;
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

    synchronized void finish(boolean success, Instant now) {
        if (status == Status.PROCESSING) {
            status = success ? Status.SUCCESS : Status.FAILED;
            succeededAt = success ? now : null;
        }
    }

    synchronized View view() {
        return new View(channel, refundNo, outTradeNo, amount, status, submissions, createdAt, succeededAt);
    }
}
