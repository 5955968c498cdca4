package org.dualpay.payment.cashier;

import java.util.Arrays;
import java.util.List;

import org.dualpay.common.channel.Channel;
import org.dualpay.payment.channel.ChannelHealth;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The channels' health as this instance's cashier acts on it, for the operator (the console); read-only. */
@RestController
class ChannelHealthController {

    private final ChannelHealth health;

    ChannelHealthController(ChannelHealth health) {
        this.health = health;
    }

    @GetMapping("/api/admin/channels")
    List<ChannelHealth.Health> channels() {
        return Arrays.stream(Channel.values()).map(health::health).toList();
    }
}
