package dev.orc.reconciler.apiserver.registry;

/**
 * The body (or query) of a delete: grace period, propagation policy and preconditions; read off a request by
 * {@code ApiRequest.deleteOptions()}.
 */
public record DeleteOptions(Long gracePeriodSeconds, String propagationPolicy, String preconditionUid,
                            String preconditionResourceVersion) {
    public static DeleteOptions defaults() {
        return new DeleteOptions(null, null, null, null);
    }
}
