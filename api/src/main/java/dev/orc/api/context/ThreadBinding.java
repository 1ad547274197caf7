package dev.orc.api.context;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value bound to the calling thread while a piece of work runs, and restored after it (so bindings nest), for
 * what a call deep in a request must know without every method passing it on: the leader's fence under a
 * controller's writes, the user a request's handler runs for.
 */
public final class ThreadBinding<T> {
    private final ThreadLocal<T> current = new ThreadLocal<>();

    /** The value the calling thread runs with now, if any. */
    public Optional<T> current() {
        return Optional.ofNullable(current.get());
    }

    /** Runs {@code work} on this thread with {@code value} bound (null binds nothing). */
    public <R> R with(T value, Supplier<R> work) {
        T outer = current.get();
        current.set(value);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                current.remove();
            } else {
                current.set(outer);
            }
        }
    }
}
