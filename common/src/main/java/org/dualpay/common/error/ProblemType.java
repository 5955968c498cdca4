package org.dualpay.common.error;

import org.springframework.http.HttpStatus;

/**
 * A stable problem {@code code} with the HTTP status it is answered with. The services of this
 * system use {@link ProblemCode}, one enum for all of them; the channel sandbox, a stand-in for
 * someone else's API, has its own.
 */
public interface ProblemType {

    /** The {@code code} of the problem document. */
    String code();

    HttpStatus status();
}
