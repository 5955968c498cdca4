package org.dualpay.payment.channel;

import java.util.Map;

/**
 * A notify as it arrived: the headers (names in lower case), the raw body, and the form fields when
 * it was a form post.
 */
public record InboundNotify(Map<String, String> headers, String body, Map<String, String> form) {

    public String header(String name) {
        return headers.get(name.toLowerCase());
    }
}
