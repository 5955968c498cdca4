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
        assertThat(problem.getType().toString()).isEqualTo("urn:problem:sku-not-found");
    }
}
