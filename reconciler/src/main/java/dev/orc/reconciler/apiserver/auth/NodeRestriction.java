package dev.orc.reconciler.apiserver.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.status.ApiException;

/**
 * Kubernetes' NodeRestriction for what the node authorizer cannot see in a path: the Node or Lease a node writes
 * (creates, above all) must bear its own name, so that a node cannot register, or take over, another node.
 */
public final class NodeRestriction {
    private NodeRestriction() {
    }

    /** The object, if the request's user is not a node or the object is named after it; else Forbidden. */
    public static ObjectNode check(ResourceType type, ObjectNode object) {
        RequestUser.current().flatMap(NodeAuthorizer::nodeName).ifPresent(node -> {
            String name = object.path("metadata").path("name").asText("");
            if (!name.equals(node)) {
                throw new ApiException.Forbidden(type, name, "node \"" + node + "\" may only write its own "
                        + type.kind() + ", not \"" + name + "\"");
            }
        });
        return object;
    }
}
