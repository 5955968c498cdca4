package org.dualpay.common.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.dualpay.common.error.ProblemCode;

/**
 * The problems an operation answers with, for its OpenAPI document: {@link ApiDocs} adds one response per
 * status, {@code application/problem+json}, with an example document per code (built by
 * {@code ProblemAdvice}, its {@code type} the code's page). The refusals of the caller's credential
 * (401 {@code UNAUTHENTICATED}, {@code INVALID_TOKEN}; 403 {@code FORBIDDEN}) are added to every
 * operation that needs one and need not be listed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ProblemAnswers {

    ProblemCode[] value();
}
