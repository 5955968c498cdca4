package org.dualpay.payment.cashier;

import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.openapi.ApiDocs;
import org.dualpay.payment.channel.ChannelHealth;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The channels' health as this instance's cashier acts on it, for the operator (the console); read-only. */
@Tag(name = "payments")
@RestController
class ChannelHealthController {

    private final ChannelHealth health;

    ChannelHealthController(ChannelHealth health) {
        this.health = health;
    }

    @Operation(operationId = "channelHealth", summary = "The channels as this instance's cashier acts on them (the console)",
            description = "Each channel's circuit breaker: offered to every shopper, to a probing share, or hidden, and "
                    + "why. Each payment-service instance keeps its own breakers.",
            security = @SecurityRequirement(name = ApiDocs.OPERATOR))
    @GetMapping("/api/admin/channels")
    List<ChannelHealth.Health> channels() {
        return Arrays.stream(Channel.values()).map(health::health).toList();
    }
}
