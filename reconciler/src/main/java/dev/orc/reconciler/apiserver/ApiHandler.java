package dev.orc.reconciler.apiserver;

/** A thin HTTP handler: parses the request, calls the registry, renders a reply; failures are {@link ApiException}s. */
@FunctionalInterface
public interface ApiHandler {
    Reply handle(ApiRequest request);
}
