package org.dualpay.common.openapi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.dualpay.common.error.ProblemAdvice;
import org.dualpay.common.error.ProblemCode;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;

/**
 * What every service's OpenAPI document shares (springdoc, {@code /v3/api-docs}): the callers' security
 * schemes, the problem document's schema, the problem answers of each operation ({@link ProblemAnswers})
 * and one fixed server, {@code /}, so that the document is the same wherever it is served (the local
 * cluster, a container, the compose edge) and Swagger UI calls the address it was loaded from. Each
 * service names itself with {@code @OpenAPIDefinition(info = ...)}.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springdoc.core.customizers.OperationCustomizer")
@ConditionalOnWebApplication
public class ApiDocs {

    /** A shopper's or a service's bearer token (README, "Trust boundaries"). */
    public static final String BEARER = "bearer";
    /** The operator's HTTP Basic login. */
    public static final String OPERATOR = "operator";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Bean
    @ConditionalOnMissingBean
    OpenAPI dualpayOpenApi() {
        return new OpenAPI()
                .servers(List.of(new Server().url("/").description("the address this document was served from")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("A shopper's token (issuer dualpay-demo-shoppers, or "
                                        + "the identity provider's; `sub` is the user id; `deploy/local/cluster.sh "
                                        + "token <userId>` makes one), or a service's (issuer dualpay-services, one "
                                        + "minute, signed with the cluster's service key)."))
                        .addSecuritySchemes(OPERATOR, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("The operator: user `operator`, the cluster's operator password "
                                        + "(`deploy/local/cluster.sh operator`)."))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    /**
     * Tags in name order: springdoc lists them in the order it meets the controllers, which follows the
     * class path scan (a jar's entries, a folder's files), and the checked-in contract must not depend on it.
     */
    @Bean
    OpenApiCustomizer sortedTags() {
        return openApi -> {
            if (openApi.getTags() != null) {
                openApi.setTags(openApi.getTags().stream().sorted(Comparator.comparing(Tag::getName)).toList());
            }
        };
    }

    @Bean
    OperationCustomizer problemAnswersCustomizer() {
        return (operation, handler) -> {
            Set<ProblemCode> codes = new LinkedHashSet<>();
            ProblemAnswers declared = handler.getMethodAnnotation(ProblemAnswers.class);
            if (declared != null) {
                codes.addAll(Arrays.asList(declared.value()));
            }
            if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
                codes.addAll(List.of(ProblemCode.UNAUTHENTICATED, ProblemCode.INVALID_TOKEN, ProblemCode.FORBIDDEN));
            }
            addProblems(operation, codes);
            return operation;
        };
    }

    /** One response per status, each code of it an example. */
    static void addProblems(Operation operation, Set<ProblemCode> codes) {
        Map<Integer, List<ProblemCode>> byStatus = new TreeMap<>();
        codes.forEach(code -> byStatus.computeIfAbsent(code.status().value(), s -> new ArrayList<>()).add(code));
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        byStatus.forEach((status, ofStatus) -> {
            MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
            ofStatus.forEach(code -> media.addExamples(code.name(), new Example().summary(code.code())
                    .description(code.meaning()).value(example(code))));
            operation.getResponses().addApiResponse(String.valueOf(status), new ApiResponse()
                    .description(String.join(", ", ofStatus.stream().map(ProblemCode::code).distinct().toList())
                            + ": see each example, and its type's page")
                    .content(new Content().addMediaType(PROBLEM_JSON, media)));
        });
    }

    /** The document {@code ProblemAdvice} answers with for this code (the detail a sample). */
    static Map<String, Object> example(ProblemCode code) {
        ProblemDetail problem = ProblemAdvice.problem(code, code.meaning());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", String.valueOf(problem.getType()));
        document.put("title", problem.getTitle());
        document.put("status", problem.getStatus());
        document.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            document.putAll(problem.getProperties());
        }
        return document;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        List<String> allCodes = Arrays.stream(ProblemCode.values()).map(ProblemCode::code).distinct().sorted().toList();
        Schema error = new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("An RFC 9457 problem document (application/problem+json). `code` is stable and is what "
                        + "a client acts on; `type` is the page describing it (GET it, relative to the service), "
                        + "listed at /problems. Some problems add members (orderStatus, skuCode, available, ...).")
                .addProperty("type", new StringSchema().format("uri-reference").example("/problems/order-not-found"))
                .addProperty("title", new StringSchema().example("Not Found"))
                .addProperty("status", new IntegerSchema().example(404))
                .addProperty("detail", new StringSchema().example("No order ORD20261206093012345K7QX0001"))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("code", new StringSchema()._enum(allCodes).example("ORDER_NOT_FOUND"))
                .addProperty("errors", new ArraySchema().items(error)
                        .description("VALIDATION_FAILED: each field refused and why"))
                .required(List.of("type", "title", "status", "code"))
                .additionalProperties(true);
    }
}
