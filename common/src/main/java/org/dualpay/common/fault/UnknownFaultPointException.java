package org.dualpay.common.fault;

import java.util.Map;
import java.util.Set;

import org.dualpay.common.error.ProblemCode;
import org.dualpay.common.error.ProblemException;

/** Arming a point this service does not have: 404 {@code UNKNOWN_FAULT_POINT}, naming the ones it has. */
public class UnknownFaultPointException extends ProblemException {

    public UnknownFaultPointException(String point, Set<String> known) {
        super(ProblemCode.UNKNOWN_FAULT_POINT, "This service has no fault point " + point + "; it has " + known,
                Map.of("point", point, "knownPoints", known.stream().sorted().toList()));
    }
}
