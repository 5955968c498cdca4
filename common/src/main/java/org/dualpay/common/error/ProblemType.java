package org.dualpay.common.error;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * A stable problem {@code code} with the HTTP status it is answered with. The services of this
 * system use {@link ProblemCode}, one enum for all of them, whose types are pages every service
 * serves; the channel sandbox, a stand-in for someone else's API, has its own codes and no pages.
 */
public interface ProblemType {

    /** The {@code code} of the problem document. */
    String code();

    HttpStatus status();

    /**
     * The problem document's {@code type}: by default {@code about:blank} (RFC 9457: no page beyond the
     * status; the {@code code} member tells the problems apart).
     */
    default URI type() {
        return URI.create("about:blank");
    }
}
