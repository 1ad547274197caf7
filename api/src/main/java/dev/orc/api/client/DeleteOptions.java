package dev.orc.api.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

/**
 * How to delete: what happens to dependents ({@code propagation}, null for the server's default), the
 * grace period in seconds (null for the object's own), and {@code dryRun}.
 */
public record DeleteOptions(Propagation propagation, Long gracePeriodSeconds, boolean dryRun) {
    /** Kubernetes' propagation policies, spelled as the API spells them. */
    public enum Propagation { Background, Foreground, Orphan }

    private static final DeleteOptions DEFAULTS = new DeleteOptions(null, null, false);

    public static DeleteOptions defaults() {
        return DEFAULTS;
    }

    public DeleteOptions withPropagation(Propagation value) {
        return new DeleteOptions(value, gracePeriodSeconds, dryRun);
    }

    public DeleteOptions withGracePeriodSeconds(Long value) {
        return new DeleteOptions(propagation, value, dryRun);
    }

    public DeleteOptions withDryRun(boolean value) {
        return new DeleteOptions(propagation, gracePeriodSeconds, value);
    }

    /** The {@code DeleteOptions} body Kubernetes reads. */
    ObjectNode body() {
        ObjectNode body = Json.object().put("kind", "DeleteOptions").put("apiVersion", "v1");
        if (propagation != null) {
            body.put("propagationPolicy", propagation.name());
        }
        if (gracePeriodSeconds != null) {
            body.put("gracePeriodSeconds", gracePeriodSeconds);
        }
        if (dryRun) {
            body.putArray("dryRun").add("All");
        }
        return body;
    }

    Query query() {
        return new Query().add("dryRun", dryRun ? "All" : null);
    }
}
