package dev.orc.reconciler.controller.replicaset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

final class ReplicaSetFixtures {
    private ReplicaSetFixtures() {
    }

    /** ReplicaSet {@code name} in default selecting app=web, whose template runs nginx:1. */
    static ObjectNode replicaSet(String name, int replicas) {
        ObjectNode rs = Json.object();
        rs.put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
        rs.putObject("metadata").put("namespace", "default").put("name", name).put("uid", "uid-" + name)
                .put("generation", 1);
        ObjectNode spec = rs.putObject("spec").put("replicas", replicas);
        spec.putObject("selector").putObject("matchLabels").put("app", "web");
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app", "web");
        template.putObject("spec").putArray("containers").addObject().put("name", "web").put("image", "nginx:1");
        return rs;
    }

    static ObjectNode withMinReadySeconds(ObjectNode rs, int seconds) {
        ObjectNode copy = rs.deepCopy();
        copy.withObjectProperty("spec").put("minReadySeconds", seconds);
        return copy;
    }
}
