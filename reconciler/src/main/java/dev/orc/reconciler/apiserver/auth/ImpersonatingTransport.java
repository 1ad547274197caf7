package dev.orc.reconciler.apiserver.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiCall;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.client.WatchListener;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The in-process API as one user, with no token: each request is authorized as that user before it is sent (a refusal
 * is the 403 kube-apiserver answers), and runs with the user bound ({@link RequestUser}), so that the write checks
 * that ask who writes (RBAC's escalation check) judge that user, as they judge an HTTP request's.
 */
final class ImpersonatingTransport implements ApiTransport {
    private final ApiTransport next;
    private final Authorizer authorizer;
    private final UserInfo user;

    ImpersonatingTransport(ApiTransport next, Authorizer authorizer, UserInfo user) {
        this.next = next;
        this.authorizer = authorizer;
        this.user = user;
    }

    @Override
    public String base() {
        return next.base();
    }

    @Override
    public ObjectNode call(ApiCall call) {
        authorize(RequestAttributes.of(call.method(), call.path(), false));
        return RequestUser.as(user, () -> next.call(call));
    }

    @Override
    public byte[] send(String method, String pathAndQuery, byte[] body, String contentType) {
        authorize(RequestAttributes.of(method, pathOf(pathAndQuery), false));
        return RequestUser.as(user, () -> next.send(method, pathAndQuery, body, contentType));
    }

    @Override
    public WatchHandle stream(String pathAndQuery, Function<String, ApiException> onLine, Consumer<ApiException> onEnd) {
        authorize(RequestAttributes.of("GET", pathOf(pathAndQuery), false));
        return next.stream(pathAndQuery, onLine, onEnd);
    }

    @Override
    public WatchHandle watch(ApiCall call, WatchListener listener) {
        authorize(RequestAttributes.of("GET", call.path(), true));
        return next.watch(call, listener);
    }

    private void authorize(RequestAttributes request) {
        RbacAuthorizer.Decision decision = authorizer.authorize(user, request);
        if (!decision.allowed()) {
            throw new ApiException.Forbidden(decision.reason());
        }
    }

    private static String pathOf(String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }
}
