package org.dualpay.common.error;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.springframework.http.HttpStatus;

/**
 * Every {@code code} a problem document of this system carries, with the HTTP status it is answered
 * with, what it means and what a client should do about it. Both sides of a Feign call use these: the
 * service that refuses throws a {@link ProblemException} with one, the caller asks its
 * {@link RemoteProblemException} whether it {@link RemoteProblemException#is is} one. The code strings
 * are a wire contract (clients, the cluster tests and the chaos scripts match them literally): never
 * rename one.
 *
 * <p>Each constant is one problem type: its {@link #type() type} is {@code /problems/<constant>}, a
 * page every service serves to anyone ({@link ProblemPages}), built from the texts here. The type is a
 * relative reference on purpose: it resolves against whatever address the client called (a service,
 * the compose edge), and it is the same on every deployment.
 *
 * <p>One code, {@code SKU_NOT_FOUND}, is answered with two statuses: 404 when the SKU is the resource
 * asked for, 422 when a request names one that does not exist. It is two constants here, so two types.
 */
public enum ProblemCode implements ProblemType {

    // 400: the request itself
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST,
            "The request was read, but a value in it is not allowed (a missing field, a number out of range, a "
                    + "SKU listed twice, a missing Idempotency-Key header). The member errors[] names each field "
                    + "and what is wrong with it. Nothing was stored.",
            "Correct the fields listed in errors[] and send the request again."),
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST,
            "The body could not be read: it is not JSON, or a value has the wrong type (an unknown channel, "
                    + "text where a number belongs). Nothing was stored.",
            "Send a JSON body of the documented shape (see the OpenAPI document at /v3/api-docs)."),
    /** a path Spring Security's firewall will not normalise ({@code ;}, {@code %2F}, {@code //}) */
    REQUEST_REJECTED(HttpStatus.BAD_REQUEST,
            "The path holds something the service refuses to interpret: a ';', an encoded slash (%2F), '//', "
                    + "'/./' or '/../'. The request reached no endpoint.",
            "Call the documented path exactly as it is written."),
    /** any other refusal of the framework (a 4xx Spring chose); answered with Spring's status */
    REQUEST_REFUSED(HttpStatus.BAD_REQUEST,
            "The request was refused by the web framework for a reason no other code covers; the answer "
                    + "carries the HTTP status the framework chose (400 here is only its usual one).",
            "Read the detail, fix the request and send it again."),

    // 401, 403: the caller
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED,
            "This endpoint needs a credential and the request carried none: a shopper's or a service's bearer "
                    + "token, or the operator's HTTP Basic login.",
            "Send an Authorization header: 'Bearer <token>' for a shopper or service, Basic for the operator."),
    INVALID_TOKEN(HttpStatus.UNAUTHORIZED,
            "The bearer token was refused: its signature, issuer or audience is wrong, or it has expired. The "
                    + "detail says which.",
            "Get a new token from the issuer and send the request again; do not retry with the same token."),
    FORBIDDEN(HttpStatus.FORBIDDEN,
            "The credential is valid but this kind of caller may not call this endpoint (a shopper calling an "
                    + "operator's endpoint, say). Nothing changed.",
            "Call with the credential of a caller that may (see the document's security requirements)."),
    NOT_YOUR_ACCOUNT(HttpStatus.FORBIDDEN,
            "The request names another user than the one the credential belongs to. Nothing changed.",
            "Act on your own account only: use the user id your token names."),

    // 404: what was asked for is not there
    NOT_FOUND(HttpStatus.NOT_FOUND,
            "No resource at this path (the compose edge answers this for paths it never forwards, too).",
            "Check the path against the OpenAPI document."),
    ORDER_NOT_FOUND(HttpStatus.NOT_FOUND,
            "There is no order with this number that the caller may see (another shopper's order is answered "
                    + "the same way, so that order numbers reveal nothing).",
            "Check the order number; list your orders with GET /api/orders?userId=<you>."),
    PAYMENT_NOT_FOUND(HttpStatus.NOT_FOUND,
            "No payment was started for this order (or it is not the caller's).",
            "Start one with POST /api/payments, or check the order number."),
    REFUND_NOT_FOUND(HttpStatus.NOT_FOUND,
            "There is no refund with this number.",
            "List refunds with GET /api/admin/refunds and use a refundNo from there."),
    SKU_NOT_FOUND(HttpStatus.NOT_FOUND,
            "There is no SKU with this code in the catalog.",
            "List the catalog with GET /api/skus."),
    /** arming a fault point this service does not have */
    UNKNOWN_FAULT_POINT(HttpStatus.NOT_FOUND,
            "The fault point named is not one of this service's (fault injection, the chaos profile). The "
                    + "answer lists the known ones.",
            "Arm one of the points listed in the answer, or ask GET /actuator/faults."),

    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED,
            "This path exists but not with this HTTP method.",
            "Use the method the OpenAPI document gives for the path (the Allow header lists them)."),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE,
            "The service cannot answer in any media type the Accept header allows.",
            "Accept application/json (and application/problem+json for errors)."),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "The body's Content-Type is not one this endpoint reads.",
            "Send the body as application/json."),

    // 409: the state of what was asked for refuses it
    ORDER_ALREADY_PAID(HttpStatus.CONFLICT,
            "The order is paid already: it cannot be paid again, nor cancelled. The answer may name the "
                    + "order's status and the refund path.",
            "Do not pay again. To give the money back, refund the order: POST /api/orders/{orderNo}/refund."),
    ORDER_NOT_PAYABLE(HttpStatus.CONFLICT,
            "The order can no longer be paid: it was cancelled, closed (its payment window ended, or stock ran "
                    + "out) or refunded. Money a channel took for it anyway is refunded automatically.",
            "Create a new order; read this one's status with GET /api/orders/{orderNo}."),
    ORDER_NOT_CANCELLABLE(HttpStatus.CONFLICT,
            "Only an order waiting for payment can be cancelled; this one is in another state (orderStatus).",
            "Read the order's status; a paid order is refunded instead of cancelled."),
    ORDER_NOT_REFUNDABLE(HttpStatus.CONFLICT,
            "Only a paid order can be refunded; this one is in another state (orderStatus).",
            "Read the order's status: an unpaid order is cancelled instead; a refunding one needs nothing more."),
    /** a cancel that waited too long for a payment in flight */
    ORDER_BUSY(HttpStatus.CONFLICT,
            "A payment of this order is being processed right now and the cancel could not wait for it to end. "
                    + "Nothing changed.",
            "Try again in a moment: the order will then be paid (refund it if you wish) or cancellable."),
    ILLEGAL_TRANSITION(HttpStatus.CONFLICT,
            "The order's state machine does not allow this move from its current state. Nothing changed.",
            "Read the order's status (orderStatus) and choose a move allowed from it."),
    AMOUNT_MISMATCH(HttpStatus.CONFLICT,
            "A payment's amount differs from the order's total, so it was not applied to the order.",
            "Nothing for a shopper to do: the money is refunded; support can read the payment's attempts."),
    INSUFFICIENT_STOCK(HttpStatus.CONFLICT,
            "There is not enough stock of a SKU for the quantity asked (skuCode, available). Nothing was "
                    + "stored or deducted.",
            "Order fewer units (at most available) or another SKU."),
    REFUND_NOT_RETRYABLE(HttpStatus.CONFLICT,
            "Only a refund parked as MANUAL is retried by hand; this one is in another state (refundStatus) "
                    + "and the dispatcher is still working on it or has finished it.",
            "Leave it to the dispatcher; list the MANUAL ones with GET /api/admin/refunds?status=MANUAL."),

    // 422: the request names something that cannot be used
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_ENTITY,
            "This Idempotency-Key was used before for a different request body. The same key with the same "
                    + "body answers the first result again (200); a different body is refused.",
            "Use a new Idempotency-Key for a new order; repeat a request only with its own key and body."),
    /** a request (an order's lines, a deduction) names a SKU that does not exist */
    UNKNOWN_SKU_IN_REQUEST("SKU_NOT_FOUND", HttpStatus.UNPROCESSABLE_ENTITY,
            "The request names a SKU (skuCode) that is not in the catalog. Nothing was stored.",
            "Use SKU codes from GET /api/skus."),

    // 5xx
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR,
            "The request could not be completed because of a failure inside the service. Work of a global "
                    + "transaction was rolled back; nothing is half done.",
            "Retry later (with the same Idempotency-Key where the request has one); report it if it persists."),
    /** a service this request depends on answered something unexpected */
    UPSTREAM_ERROR(HttpStatus.BAD_GATEWAY,
            "A service this request depends on answered something unexpected (upstreamCode names its code).",
            "Retry later; report it with the detail if it persists."),
    CHANNEL_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE,
            "The payment channel asked for cannot take payments right now (it is failing and the cashier hides "
                    + "it). Nothing was charged.",
            "Pay with another channel (GET /api/cashier/{orderNo} lists those available), or try again later.");

    /** Where each problem type's page is served, in every service. */
    public static final String PAGES = "/problems";

    private final String code;
    private final HttpStatus status;
    private final String meaning;
    private final String whatToDo;

    ProblemCode(HttpStatus status, String meaning, String whatToDo) {
        this(null, status, meaning, whatToDo);
    }

    ProblemCode(String code, HttpStatus status, String meaning, String whatToDo) {
        this.code = code == null ? name() : code;
        this.status = status;
        this.meaning = meaning;
        this.whatToDo = whatToDo;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public HttpStatus status() {
        return status;
    }

    /** The page describing this problem type, relative to the service: {@code /problems/order-not-found}. */
    @Override
    public URI type() {
        return URI.create(PAGES + "/" + slug());
    }

    /** The last segment of {@link #type()}: the constant's name in lower case with dashes. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What the problem means, for the page and the OpenAPI document. */
    public String meaning() {
        return meaning;
    }

    /** What a client should do about it. */
    public String whatToDo() {
        return whatToDo;
    }

    /** The constant whose page has this slug. */
    public static Optional<ProblemCode> bySlug(String slug) {
        return Arrays.stream(values()).filter(c -> c.slug().equals(slug)).findFirst();
    }

    /** The constant a remote problem's code and status stand for; empty for a code this system does not use. */
    public static Optional<ProblemCode> of(String code, int status) {
        Optional<ProblemCode> exact = Arrays.stream(values())
                .filter(c -> c.code.equals(code) && c.status.value() == status).findFirst();
        return exact.isPresent() ? exact : Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
