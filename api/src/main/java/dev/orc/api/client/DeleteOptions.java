package dev.orc.api.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

/**
 * How to delete: what happens to dependents ({@code propagation}, null for the server's default), the
 * grace period in seconds (null for the object's own), {@code dryRun}, and the uid and resourceVersion the object
 * must still have (null for whichever object has the name, in whatever version). One shape for the client, which
 * sends it, and the server, which reads it off a request.
 */
public record DeleteOptions(Propagation propagation, Long gracePeriodSeconds, boolean dryRun, String preconditionUid,
                            String preconditionResourceVersion) {
    /** Kubernetes' propagation policies, spelled as the API spells them. */
    public enum Propagation { Background, Foreground, Orphan }

    private static final DeleteOptions DEFAULTS = new DeleteOptions(null, null, false, null, null);

    public static DeleteOptions defaults() {
        return DEFAULTS;
    }

    public DeleteOptions withPropagation(Propagation value) {
        return new DeleteOptions(value, gracePeriodSeconds, dryRun, preconditionUid, preconditionResourceVersion);
    }

    public DeleteOptions withGracePeriodSeconds(Long value) {
        return new DeleteOptions(propagation, value, dryRun, preconditionUid, preconditionResourceVersion);
    }

    public DeleteOptions withDryRun(boolean value) {
        return new DeleteOptions(propagation, gracePeriodSeconds, value, preconditionUid, preconditionResourceVersion);
    }

    public DeleteOptions withPreconditionUid(String value) {
        return new DeleteOptions(propagation, gracePeriodSeconds, dryRun, value, preconditionResourceVersion);
    }

    public DeleteOptions withPreconditionResourceVersion(String value) {
        return new DeleteOptions(propagation, gracePeriodSeconds, dryRun, preconditionUid, value);
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
        if (preconditionUid != null || preconditionResourceVersion != null) {
            ObjectNode preconditions = body.putObject("preconditions");
            if (preconditionUid != null) {
                preconditions.put("uid", preconditionUid);
            }
            if (preconditionResourceVersion != null) {
                preconditions.put("resourceVersion", preconditionResourceVersion);
            }
        }
        return body;
    }

    Query query() {
        return new Query().add("dryRun", dryRun ? "All" : null);
    }
}
