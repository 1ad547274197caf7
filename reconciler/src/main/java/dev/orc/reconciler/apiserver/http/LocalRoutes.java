package dev.orc.reconciler.apiserver.http;

import dev.orc.api.client.ApiCall;
import dev.orc.api.meta.ResourceType;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The API's object routes for callers inside the server's process, found by what a call names (kind, method,
 * collection or object, subresource) rather than by matching its path: the handlers are the same ones HTTP
 * requests reach, declared once in {@link Routes}.
 */
public final class LocalRoutes {

    /** Whether a route serves a kind's collection or one object of it. */
    enum Scope { COLLECTION, ITEM }

    /** What a route answers; {@code subresource} is null for the object itself. */
    record Key(ResourceType type, String method, Scope scope, String subresource) {
        static Key of(ApiCall call) {
            return new Key(call.type(), call.method(), call.name() == null ? Scope.COLLECTION : Scope.ITEM,
                    call.subresource());
        }
    }

    /** One route: the verb and resource it is counted under, and its handler. */
    record Route(String verb, String resource, ApiHandler handler) {
    }

    private final Map<Key, Route> routes = new HashMap<>();

    void add(Key key, Route route) {
        if (routes.putIfAbsent(key, route) != null) {
            throw new IllegalStateException("two local routes for " + key);
        }
    }

    Optional<Route> find(ApiCall call) {
        return Optional.ofNullable(routes.get(Key.of(call)));
    }
}
