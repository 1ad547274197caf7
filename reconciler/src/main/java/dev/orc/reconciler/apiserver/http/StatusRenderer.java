package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.reconciler.apiserver.registry.ApiException;

/** Kubernetes {@code Status} objects: the body of every error and of a few successes. */
final class StatusRenderer {
    private StatusRenderer() {
    }

    public static ObjectNode failure(ApiException error) {
        ObjectNode status = base("Failure");
        status.put("message", error.getMessage());
        status.put("reason", error.reason());
        ApiException.Details details = error.details();
        if (details != null) {
            ObjectNode d = status.putObject("details");
            if (details.name() != null) {
                d.put("name", details.name());
            }
            if (!details.group().isEmpty()) {
                d.put("group", details.group());
            }
            if (details.kind() != null) {
                d.put("kind", details.kind());
            }
            if (!details.causes().isEmpty()) {
                ArrayNode causes = d.putArray("causes");
                for (ApiException.Cause cause : details.causes()) {
                    ObjectNode rendered = causes.addObject().put("reason", cause.reason()).put("message", cause.message());
                    if (cause.field() != null) {
                        rendered.put("field", cause.field());
                    }
                }
            }
        }
        if (error instanceof ApiException.TooManyRequests tooMany && tooMany.retryAfterSeconds() > 0) {
            ObjectNode d = status.has("details") ? (ObjectNode) status.get("details") : status.putObject("details");
            d.put("retryAfterSeconds", tooMany.retryAfterSeconds());
        }
        status.put("code", error.code());
        return status;
    }

    /** A failure a handler answers as a value, as Kubernetes does for a pod in more than one disruption budget. */
    public static ObjectNode failure(int code, String message) {
        ObjectNode status = base("Failure");
        status.put("message", message);
        status.put("code", code);
        return status;
    }

    public static ObjectNode success(int code) {
        ObjectNode status = base("Success");
        status.put("code", code);
        return status;
    }

    private static ObjectNode base(String outcome) {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", outcome);
        return status;
    }
}
