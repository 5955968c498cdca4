package org.dualpay.payment.channel;

/**
 * The HTTP answer to a channel's notify, as the channel expects it.
 *
 * @param contentType null with no body
 * @param body null for none
 */
public record NotifyAnswer(int status, String contentType, String body) {
}
