package org.dualpay.common.error;

import java.util.Optional;

/**
 * Finds the meaningful exception inside wrappers. The io.seata 2.0.0 client wraps whatever a
 * {@code @GlobalTransactional} method throws in {@code RuntimeException("try to proceed invocation
 * error")}; the original is in the cause chain.
 */
public final class Causes {

    private Causes() {
    }

    public static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (type.isInstance(current)) {
                return Optional.of(type.cast(current));
            }
            current = current.getCause();
        }
        return Optional.empty();
    }
}
