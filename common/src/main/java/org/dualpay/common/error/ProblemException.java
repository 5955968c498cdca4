package org.dualpay.common.error;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A rejection to be answered as an RFC 9457 problem with a stable {@code code} ({@link ProblemCode},
 * which also gives the HTTP status; the channel sandbox brings its own {@link ProblemType}s).
 *
 * <p>The domain of each service returns outcomes, not exceptions; the web layer turns an outcome
 * that must be refused into this exception (or a {@code ResponseEntity} of a problem) at the very
 * edge. It is also used inside a transaction when the refusal must roll the local work back.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType code;
    private final Map<String, Object> properties;

    public ProblemException(ProblemType code, String detail) {
        this(code, detail, Map.of());
    }

    /** @param properties extra members of the problem document (for example the order's status) */
    public ProblemException(ProblemType code, String detail, Map<String, Object> properties) {
        super(detail);
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public HttpStatus status() {
        return code.status();
    }

    public ProblemType code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
