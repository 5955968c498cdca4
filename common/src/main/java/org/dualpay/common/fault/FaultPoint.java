package org.dualpay.common.fault;

/**
 * One named place in a service's code where a tester can make something go wrong on purpose. Each
 * service declares its points in one enum implementing this and registers them as a
 * {@link FaultPointCatalog} bean; a name no service declared cannot be armed.
 */
public interface FaultPoint {

    /** The name testers arm it by, for example {@code payment.confirm.before-commit}; never renamed. */
    String id();
}
