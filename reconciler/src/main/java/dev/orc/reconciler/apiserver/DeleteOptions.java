package dev.orc.reconciler.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/** The body (or query) of a delete: grace period, propagation policy and preconditions. */
public record DeleteOptions(Long gracePeriodSeconds, String propagationPolicy, String preconditionUid,
                            String preconditionResourceVersion) {
    private static final Set<String> POLICIES = Set.of("Orphan", "Background", "Foreground");

    public static DeleteOptions defaults() {
        return new DeleteOptions(null, null, null, null);
    }

    public static DeleteOptions of(ApiRequest request) {
        ObjectNode body = request.optionalObjectBody();
        Long grace = body.hasNonNull("gracePeriodSeconds") ? Long.valueOf(body.get("gracePeriodSeconds").asLong())
                : request.longParam("gracePeriodSeconds").orElse(null);
        if (grace != null && grace < 0) {
            grace = 0L;
        }
        String policy = body.hasNonNull("propagationPolicy") ? body.get("propagationPolicy").asText()
                : request.queryParam("propagationPolicy").orElse(null);
        if (policy != null && !POLICIES.contains(policy)) {
            throw new ApiException.BadRequest("propagationPolicy must be one of Orphan, Background, Foreground; got \""
                    + policy + "\"");
        }
        JsonNode pre = body.path("preconditions");
        return new DeleteOptions(grace, policy, Meta.text(pre, "uid"), Meta.text(pre, "resourceVersion"));
    }
}
