package org.dualpay.payment.support;

import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The operator's read of an order's notifies and refunds with their TCC phases (the console); read-only. */
@RestController
class PaymentStoryController {

    private final PaymentStory story;

    PaymentStoryController(PaymentStory story) {
        this.story = story;
    }

    /** {orderNo, notifies:[...], refunds:[{..., attempts, lastError, tccPhases:[...]}]}; empty lists for an unknown order. */
    @GetMapping("/api/admin/payments/{orderNo}/story")
    PaymentStory.Story story(@PathVariable @Size(max = 40) String orderNo) {
        return story.of(orderNo);
    }
}
