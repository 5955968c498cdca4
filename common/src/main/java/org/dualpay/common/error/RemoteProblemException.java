package org.dualpay.common.error;

import java.util.Map;
import java.util.Optional;

/**
 * Another service answered a Feign call with an error. When that answer was a problem document its
 * members are kept: the {@code code}, the {@code detail}, and every other property (such as the
 * order's status of a 409), so that the caller can tell a business refusal (for example
 * {@code INSUFFICIENT_STOCK}) from an outage and act on what the refusal said without asking again.
 * An answer that was not a problem document has the code {@code HTTP_<status>}.
 */
public class RemoteProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String detail;
    private final String methodKey;
    private final Map<String, Object> properties;

    public RemoteProblemException(String methodKey, int status, String code, String detail) {
        this(methodKey, status, code, detail, Map.of());
    }

    public RemoteProblemException(String methodKey, int status, String code, String detail,
            Map<String, Object> properties) {
        super(methodKey + " answered " + status + " " + code + ": " + detail);
        this.methodKey = methodKey;
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.properties = Map.copyOf(properties);
    }

    public int status() {
        return status;
    }

    /** The problem's {@code code} as it arrived. */
    public String code() {
        return code;
    }

    /** The code as one of this system's, when it is one. */
    public Optional<ProblemCode> problemCode() {
        return ProblemCode.of(code, status);
    }

    /** Whether the remote side refused with this code. */
    public boolean is(ProblemCode expected) {
        return expected.code().equals(code);
    }

    public String detail() {
        return detail;
    }

    public String methodKey() {
        return methodKey;
    }

    /** The problem's members other than type, title, status, detail, instance and code. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** One of the problem's extra members, as text (a JSON string as it is, anything else as JSON). */
    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(name)).map(String::valueOf);
    }

    /** A 4xx answer: the remote side refused, it did not fail. */
    public boolean isRefusal() {
        return status >= 400 && status < 500;
    }
}
