package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

/** Kubernetes {@code Status} objects answered as values: a few successes and failures no exception stands for. */
final class StatusRenderer {
    private StatusRenderer() {
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
