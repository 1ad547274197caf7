package dev.orc.reconciler.apiserver.auth;

import dev.orc.api.context.ThreadBinding;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The user a handler runs for: bound on the thread that runs an HTTP request's handler, so that a check deep in a
 * write (RBAC's escalation check) knows who asks. In-process calls run without one: they are the server's own.
 */
public final class RequestUser {
    private static final ThreadBinding<UserInfo> CURRENT = new ThreadBinding<>();

    private RequestUser() {
    }

    public static Optional<UserInfo> current() {
        return CURRENT.current();
    }

    /** Runs {@code work} on this thread as {@code user} (null: as nobody in particular). */
    public static <T> T as(UserInfo user, Supplier<T> work) {
        return CURRENT.with(user, work);
    }
}
