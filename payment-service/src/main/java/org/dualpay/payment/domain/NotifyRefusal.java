package org.dualpay.payment.domain;

/**
 * Why a notify (or a payment learnt by query) is not trusted, and the HTTP status the channel is
 * answered with: 401 when the signature is missing or wrong (or the resource does not decrypt), 400 for anything else. The names are
 * counted ({@code dualpay_notify_refused_total{reason}}) and logged as security events.
 */
public enum NotifyRefusal {
    MISSING_SIGNATURE(401),
    BAD_SIGNATURE(401),
    /** signed, but its resource does not decrypt under our APIv3 key (corrupted, or not meant for us) */
    UNDECRYPTABLE(401),
    STALE_TIMESTAMP(400),
    MALFORMED(400),
    /** a nonce seen before: the request is a replay */
    REPLAYED(400),
    /** no attempt of ours has this merchant trade number */
    UNKNOWN_TRADE(400);

    private final int httpStatus;

    NotifyRefusal(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
