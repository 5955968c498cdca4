package org.dualpay.payment.channel;

/** A channel call failed: timeout, connection refused, or an error answer. */
public class ChannelUnavailableException extends RuntimeException {

    public ChannelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
