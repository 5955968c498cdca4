package org.dualpay.common.fault;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;

/**
 * {@code GET /actuator/faults}, {@code POST /actuator/faults/{point}} with
 * {@code {mode, delayMs, probability, times}}, {@code DELETE /actuator/faults}. Present only when
 * fault injection is enabled, and then only for the operator (each service's security rules).
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
        faults.arm(point, mode, delayMs == null ? 0 : delayMs, probability == null ? 1.0 : probability,
                times == null ? 0 : times);
        return faults.describe();
    }

    @DeleteOperation
    public Map<String, Object> disarm() {
        faults.disarmAll();
        return faults.describe();
    }
}
