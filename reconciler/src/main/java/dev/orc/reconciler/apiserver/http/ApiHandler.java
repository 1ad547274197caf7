package dev.orc.reconciler.apiserver.http;

import dev.orc.api.status.ApiException;

/** A thin HTTP handler: parses the request, calls the registry, renders a reply; failures are {@link ApiException}s. */
@FunctionalInterface
interface ApiHandler {
    Reply handle(ApiRequest request);
}
