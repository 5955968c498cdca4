package org.dualpay.common.fault;

/**
 * Named places in the code where a tester can make something go wrong on purpose. Production code
 * calls {@link #hit(String)}; unless the {@code chaos} profile enables fault injection the bean is
 * {@link #OFF}, whose {@code hit} does nothing.
 */
@FunctionalInterface
public interface FaultPoints {

    FaultPoints OFF = point -> {
    };

    void hit(String point);
}
