package org.dualpay.common.fault;

/**
 * The fault points of a service. Production code calls {@link #hit}; unless the {@code chaos} profile
 * enables fault injection the bean is {@link #OFF}, whose {@code hit} does nothing.
 */
@FunctionalInterface
public interface FaultPoints {

    FaultPoints OFF = point -> {
    };

    void hit(FaultPoint point);
}
