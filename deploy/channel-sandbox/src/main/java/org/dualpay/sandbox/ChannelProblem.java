package org.dualpay.sandbox;

import org.dualpay.common.error.ProblemType;
import org.springframework.http.HttpStatus;

/** The codes the sandbox answers with, as a channel's API would: the channel's own, not dualpay's. */
enum ChannelProblem implements ProblemType {
    INVALID_EXPIRE_AT(HttpStatus.BAD_REQUEST),
    TRADE_NOT_FOUND(HttpStatus.NOT_FOUND),
    REFUND_NOT_FOUND(HttpStatus.NOT_FOUND),
    UNKNOWN_CHANNEL(HttpStatus.NOT_FOUND),
    OUT_TRADE_NO_USED(HttpStatus.CONFLICT),
    TRADE_ALREADY_PAID(HttpStatus.CONFLICT),
    TRADE_CLOSED(HttpStatus.CONFLICT),
    TRADE_NOT_PAID(HttpStatus.CONFLICT),
    REFUND_NO_USED(HttpStatus.CONFLICT),
    REFUND_EXCEEDS_PAYMENT(HttpStatus.CONFLICT),
    SYSTEM_ERROR(HttpStatus.SERVICE_UNAVAILABLE);

    private final HttpStatus status;

    ChannelProblem(HttpStatus status) {
        this.status = status;
    }

    @Override
    public String code() {
        return name();
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
