package org.dualpay.common.fault;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;

/**
 * {@code GET /actuator/faults} (every known point, armed or not, and how often each fired),
 * {@code POST /actuator/faults/{point}} with {@code {mode, delayMs, probability, times}} (a point the
 * service does not have: 404 {@code UNKNOWN_FAULT_POINT} listing the known ones),
 * {@code DELETE /actuator/faults}. Present only when fault injection is enabled, and then only for the
 * operator (each service's security rules).
 */
@Endpoint(id = "faults")
public class FaultsEndpoint {

    private final ArmedFaultPoints faults;

    public FaultsEndpoint(ArmedFaultPoints faults) {
        this.faults = faults;
    }

    @ReadOperation
    public Map<String, Object> list() {
        return faults.describe();
    }

    @WriteOperation
    public Map<String, Object> arm(@Selector String point, FaultMode mode, @Nullable Long delayMs,
            @Nullable Double probability, @Nullable Integer times) {
        faults.arm(point, FaultSpec.of(mode, delayMs, probability, times));
        return faults.describe();
    }

    @DeleteOperation
    public Map<String, Object> disarm() {
        faults.disarmAll();
        return faults.describe();
    }
}
