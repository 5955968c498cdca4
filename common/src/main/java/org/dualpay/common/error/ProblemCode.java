package org.dualpay.common.error;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.http.HttpStatus;

/**
 * Every {@code code} a problem document of this system carries, with the HTTP status it is answered
 * with. Both sides of a Feign call use these: the service that refuses throws a
 * {@link ProblemException} with one, the caller asks its {@link RemoteProblemException} whether it
 * {@link RemoteProblemException#is is} one. The code strings are a wire contract (clients, the
 * cluster tests and the chaos scripts match them literally): never rename one.
 *
 * <p>One code, {@code SKU_NOT_FOUND}, is answered with two statuses: 404 when the SKU is the resource
 * asked for, 422 when a request names one that does not exist. It is two constants here.
 */
public enum ProblemCode implements ProblemType {

    // 400: the request itself
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST),
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST),
    /** a path Spring Security's firewall will not normalise ({@code ;}, {@code %2F}, {@code //}) */
    REQUEST_REJECTED(HttpStatus.BAD_REQUEST),
    /** any other refusal of the framework (a 4xx Spring chose); answered with Spring's status */
    REQUEST_REFUSED(HttpStatus.BAD_REQUEST),

    // 401, 403: the caller
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED),
    INVALID_TOKEN(HttpStatus.UNAUTHORIZED),
    FORBIDDEN(HttpStatus.FORBIDDEN),
    NOT_YOUR_ACCOUNT(HttpStatus.FORBIDDEN),

    // 404: what was asked for is not there
    NOT_FOUND(HttpStatus.NOT_FOUND),
    ORDER_NOT_FOUND(HttpStatus.NOT_FOUND),
    PAYMENT_NOT_FOUND(HttpStatus.NOT_FOUND),
    REFUND_NOT_FOUND(HttpStatus.NOT_FOUND),
    SKU_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** arming a fault point this service does not have */
    UNKNOWN_FAULT_POINT(HttpStatus.NOT_FOUND),

    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),

    // 409: the state of what was asked for refuses it
    ORDER_ALREADY_PAID(HttpStatus.CONFLICT),
    ORDER_NOT_PAYABLE(HttpStatus.CONFLICT),
    ORDER_NOT_CANCELLABLE(HttpStatus.CONFLICT),
    ORDER_NOT_REFUNDABLE(HttpStatus.CONFLICT),
    /** a cancel that waited too long for a payment in flight */
    ORDER_BUSY(HttpStatus.CONFLICT),
    ILLEGAL_TRANSITION(HttpStatus.CONFLICT),
    AMOUNT_MISMATCH(HttpStatus.CONFLICT),
    INSUFFICIENT_STOCK(HttpStatus.CONFLICT),
    REFUND_NOT_RETRYABLE(HttpStatus.CONFLICT),

    // 422: the request names something that cannot be used
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_ENTITY),
    /** a request (an order's lines, a deduction) names a SKU that does not exist */
    UNKNOWN_SKU_IN_REQUEST("SKU_NOT_FOUND", HttpStatus.UNPROCESSABLE_ENTITY),

    // 5xx
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR),
    /** a service this request depends on answered something unexpected */
    UPSTREAM_ERROR(HttpStatus.BAD_GATEWAY),
    CHANNEL_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE);

    private final String code;
    private final HttpStatus status;

    ProblemCode(HttpStatus status) {
        this.code = name();
        this.status = status;
    }

    ProblemCode(String code, HttpStatus status) {
        this.code = code;
        this.status = status;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public HttpStatus status() {
        return status;
    }

    /** The constant a remote problem's code and status stand for; empty for a code this system does not use. */
    public static Optional<ProblemCode> of(String code, int status) {
        Optional<ProblemCode> exact = Arrays.stream(values())
                .filter(c -> c.code.equals(code) && c.status.value() == status).findFirst();
        return exact.isPresent() ? exact : Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
