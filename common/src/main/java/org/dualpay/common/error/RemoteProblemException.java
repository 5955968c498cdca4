package org.dualpay.common.error;

/**
 * Another service answered a Feign call with an error. When that answer was a problem document its
 * {@code code} is kept, so that the caller can tell a business refusal (for example
 * {@code INSUFFICIENT_STOCK}) from an outage.
 */
public class RemoteProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String methodKey;

    public RemoteProblemException(String methodKey, int status, String code, String detail) {
        super(methodKey + " answered " + status + " " + code + ": " + detail);
        this.methodKey = methodKey;
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String methodKey() {
        return methodKey;
    }

    /** A 4xx answer: the remote side refused, it did not fail. */
    public boolean isRefusal() {
        return status >= 400 && status < 500;
    }
}
