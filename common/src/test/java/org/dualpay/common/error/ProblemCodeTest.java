package org.dualpay.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ProblemCodeTest {

    @Test
    void every_code_but_sku_not_found_has_one_status() {
        Map<String, Long> statusesPerCode = Arrays.stream(ProblemCode.values())
                .collect(Collectors.groupingBy(ProblemCode::code, Collectors.counting()));

        assertThat(statusesPerCode).allSatisfy((code, count) -> assertThat(count).as(code)
                .isEqualTo(code.equals("SKU_NOT_FOUND") ? 2L : 1L));
    }

    @Test
    void a_remote_code_is_found_by_its_code_and_status() {
        assertThat(ProblemCode.of("SKU_NOT_FOUND", 404)).contains(ProblemCode.SKU_NOT_FOUND);
        assertThat(ProblemCode.of("SKU_NOT_FOUND", 422)).contains(ProblemCode.UNKNOWN_SKU_IN_REQUEST);
        assertThat(ProblemCode.of("INSUFFICIENT_STOCK", 409)).contains(ProblemCode.INSUFFICIENT_STOCK);
        assertThat(ProblemCode.of("HTTP_503", 503)).isEmpty();
    }

    @Test
    void a_problem_exception_answers_with_the_status_of_its_code() {
        ProblemException e = new ProblemException(ProblemCode.UNKNOWN_SKU_IN_REQUEST, "No SKU X", Map.of("skuCode", "X"));

        var problem = ProblemAdvice.toProblem(e);

        assertThat(problem.getStatus()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.value());
        assertThat(problem.getProperties()).containsEntry("code", "SKU_NOT_FOUND").containsEntry("skuCode", "X");
        assertThat(problem.getType().toString()).isEqualTo("/problems/unknown-sku-in-request");
    }

    @Test
    void every_code_has_a_description_and_a_page_of_its_own() {
        assertThat(ProblemCode.values()).allSatisfy(code -> {
            assertThat(code.meaning()).as(code + " meaning").isNotBlank();
            assertThat(code.whatToDo()).as(code + " what to do").isNotBlank();
            assertThat(code.type().toString()).as(code + " type").startsWith("/problems/").endsWith(code.slug());
            assertThat(ProblemCode.bySlug(code.slug())).as(code + " found by its page").contains(code);
        });
        assertThat(Arrays.stream(ProblemCode.values()).map(ProblemCode::type).distinct()).hasSize(ProblemCode.values().length);
        assertThat(Arrays.stream(ProblemCode.values()).map(ProblemCode::meaning).distinct())
                .as("no description copied onto another code").hasSize(ProblemCode.values().length);
    }

    @Test
    void a_page_names_the_code_its_status_its_meaning_and_what_to_do() {
        String page = ProblemPages.page(ProblemCode.UNKNOWN_SKU_IN_REQUEST);

        assertThat(page).contains("<code>SKU_NOT_FOUND</code>", "422 Unprocessable Entity",
                "/problems/unknown-sku-in-request", "The request names a SKU (skuCode) that is not in the catalog",
                "Use SKU codes from GET /api/skus.");
    }

    @Test
    void a_problem_of_another_api_has_no_page() {
        ProblemType foreign = new ProblemType() {
            @Override
            public String code() {
                return "TRADE_NOT_FOUND";
            }

            @Override
            public HttpStatus status() {
                return HttpStatus.NOT_FOUND;
            }
        };

        assertThat(ProblemAdvice.toProblem(new ProblemException(foreign, "no trade")).getType().toString())
                .isEqualTo("about:blank");
    }
}
