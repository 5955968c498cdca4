package org.dualpay.payment.support;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.openapi.ApiDocs;
import org.dualpay.common.openapi.ProblemAnswers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The operator's read of an order's notifies and refunds with their TCC phases (the console); read-only. */
@Tag(name = "payments")
@RestController
class PaymentStoryController {

    private final PaymentStory story;

    PaymentStoryController(PaymentStory story) {
        this.story = story;
    }

    /** {orderNo, notifies:[...], refunds:[{..., attempts, lastError, tccPhases:[...]}]}; empty lists for an unknown order. */
    @Operation(operationId = "paymentStory", summary = "An order's notifies and refunds with their TCC phases (the console)",
            description = "The inbox's notifies of the order's attempts, its refunds with their dispatch state and "
                    + "the TCC fence's phases of their XID; empty lists for an order with no payment.",
            security = @SecurityRequirement(name = ApiDocs.OPERATOR))
    @ProblemAnswers(ProblemCode.VALIDATION_FAILED)
    @GetMapping("/api/admin/payments/{orderNo}/story")
    PaymentStory.Story story(@PathVariable @Size(max = 40) String orderNo) {
        return story.of(orderNo);
    }
}
