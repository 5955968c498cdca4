package org.dualpay.common.error;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A rejection to be answered as an RFC 9457 problem with a stable {@code code}.
 *
 * <p>The domain of each service returns outcomes, not exceptions; the web layer turns an outcome
 * that must be refused into this exception (or a {@code ResponseEntity} of a problem) at the very
 * edge. It is also used inside a transaction when the refusal must roll the local work back.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> properties;

    public ProblemException(HttpStatus status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public ProblemException(HttpStatus status, String code, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
