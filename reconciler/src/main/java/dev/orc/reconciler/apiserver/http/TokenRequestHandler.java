package dev.orc.reconciler.apiserver.http;

import dev.orc.reconciler.apiserver.auth.RequestUser;
import dev.orc.reconciler.apiserver.auth.TokenRequests;

/** {@code POST serviceaccounts/{name}/token}: a TokenRequest in, the same with its token out (201). */
final class TokenRequestHandler {
    private final TokenRequests tokens;

    TokenRequestHandler(TokenRequests tokens) {
        this.tokens = tokens;
    }

    Reply create(ApiRequest request) {
        return Reply.created(tokens.issue(request.pathParam("namespace"), request.pathParam("name"),
                request.objectBody(), RequestUser.current()));
    }
}
