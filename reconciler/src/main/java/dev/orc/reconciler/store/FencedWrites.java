package dev.orc.reconciler.store;

import dev.orc.api.context.ThreadBinding;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The fence that guards the writes a thread makes while it runs {@link #under}: the stores read it at each create,
 * update and delete and make the write conditional on it, in the same transaction. In-process API requests run on
 * their caller's thread, so a leader's controllers fence every write they make through the API this way.
 */
public final class FencedWrites {
    private static final ThreadBinding<Fence> CURRENT = new ThreadBinding<>();

    private FencedWrites() {
    }

    /** The fence of the calling thread's writes, if it runs under one. */
    public static Optional<Fence> current() {
        return CURRENT.current();
    }

    /** Runs {@code work} with every store write it makes on this thread fenced by {@code fence}. */
    public static <T> T under(Fence fence, Supplier<T> work) {
        return CURRENT.with(fence, work);
    }
}
