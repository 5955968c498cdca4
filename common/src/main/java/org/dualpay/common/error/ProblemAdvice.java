package org.dualpay.common.error;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of every service leaves as {@code application/problem+json} with a stable
 * {@code code} and a {@code type} that is the page describing it ({@link ProblemCode#type()},
 * served by {@link ProblemPages}). Framework errors (bad JSON, a missing header, failed bean validation) keep Spring's
 * problem document and get a code here; business refusals arrive as {@link ProblemException}.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> onProblem(ProblemException e) {
        return ResponseEntity.status(e.status()).body(toProblem(e));
    }

    @ExceptionHandler(RemoteProblemException.class)
    ResponseEntity<ProblemDetail> onRemote(RemoteProblemException e) {
        log.warn("Unhandled answer from another service: {}", e.getMessage());
        ProblemDetail problem = problem(ProblemCode.UPSTREAM_ERROR,
                "A service this request depends on answered " + e.status());
        problem.setProperty("upstreamCode", e.code());
        return ResponseEntity.status(ProblemCode.UPSTREAM_ERROR.status()).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> onUnexpected(Exception e) {
        // A rejection thrown inside a global transaction arrives wrapped by the Seata client.
        var wrapped = Causes.find(e, ProblemException.class);
        if (wrapped.isPresent()) {
            return onProblem(wrapped.get());
        }
        log.error("Unexpected error", e);
        ProblemDetail problem = problem(ProblemCode.INTERNAL_ERROR,
                "The request could not be completed; nothing was lost and it can be retried.");
        return ResponseEntity.internalServerError().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ex.getBody();
        problem.setDetail("The request is not valid: see errors.");
        problem.setProperty("errors", ex.getBindingResult().getAllErrors().stream()
                .map(error -> Map.of(
                        "field", error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList());
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ex.getBody();
        problem.setDetail("The request is not valid: see errors.");
        // A @Valid body checked here (a method with constraints on other parameters too) names its
        // fields as a bean validation does ("items[0].quantity"); a plain parameter names itself.
        problem.setProperty("errors", ex.getAllValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors errors
                        ? errors.getAllErrors().stream().map(error -> Map.of(
                                "field", error instanceof FieldError field ? field.getField() : error.getObjectName(),
                                "message", String.valueOf(error.getDefaultMessage())))
                        : result.getResolvableErrors().stream().map(error -> Map.of(
                                "field", String.valueOf(result.getMethodParameter().getParameterName()),
                                "message", String.valueOf(error.getDefaultMessage()))))
                .toList());
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        // Spring passes no body for some framework errors and builds it later from the exception.
        Object problemBody = body == null && ex instanceof ErrorResponse response ? response.getBody() : body;
        if (problemBody instanceof ProblemDetail problem && !hasCode(problem)) {
            ProblemCode code = codeFor(ex, statusCode);
            problem.setProperty("code", code.code());
            problem.setType(code.type());
        }
        return super.handleExceptionInternal(ex, problemBody, headers, statusCode, request);
    }

    static ProblemDetail toProblem(ProblemException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(e.code().type());
        problem.setProperty("code", e.code().code());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    private static boolean hasCode(ProblemDetail problem) {
        return problem.getProperties() != null && problem.getProperties().containsKey("code");
    }

    static ProblemCode codeFor(Exception ex, HttpStatusCode status) {
        if (ex instanceof HttpMessageNotReadableException) {
            return ProblemCode.MALFORMED_REQUEST;
        }
        return switch (status.value()) {
            case 400 -> ProblemCode.VALIDATION_FAILED;
            case 404 -> ProblemCode.NOT_FOUND;
            case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCode.NOT_ACCEPTABLE;
            case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status.is5xxServerError() ? ProblemCode.INTERNAL_ERROR : ProblemCode.REQUEST_REFUSED;
        };
    }

    /** Used by filters that answer before the MVC layer. */
    public static ProblemDetail problem(ProblemCode code, String detail) {
        return toProblem(new ProblemException(code, detail));
    }
}
