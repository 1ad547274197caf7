package dev.orc.reconciler.apiserver.auth;

import io.javalin.http.Context;

/** Where a request's credential comes from, as an {@code Authorization} header value (null: none). */
@FunctionalInterface
public interface RequestCredentials {
    /** The request's own {@code Authorization} header. */
    RequestCredentials HEADER = ctx -> ctx.header("Authorization");

    String authorization(Context ctx);
}
