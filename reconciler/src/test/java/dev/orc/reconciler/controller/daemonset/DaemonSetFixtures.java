package dev.orc.reconciler.controller.daemonset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

/** DaemonSets and nodes for the daemon controller tests. */
final class DaemonSetFixtures {
    private DaemonSetFixtures() {
    }

    static ObjectNode daemonSet(String name, String image) {
        ObjectNode ds = (ObjectNode) Json.parse("""
                {"apiVersion":"apps/v1","kind":"DaemonSet",
                 "metadata":{"namespace":"default","name":"%s","uid":"uid-%s","generation":1},
                 "spec":{"selector":{"matchLabels":{"app":"%s"}},
                         "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1}},
                         "template":{"metadata":{"labels":{"app":"%s"}},
                                     "spec":{"containers":[{"name":"agent","image":"%s"}]}}}}
                """.formatted(name, name, name, name, image));
        return ds;
    }

    static ObjectNode templateSpec(ObjectNode ds) {
        return ds.withObjectProperty("spec").withObjectProperty("template").withObjectProperty("spec");
    }

    static ObjectNode node(String name) {
        ObjectNode node = Json.object();
        node.put("apiVersion", "v1").put("kind", "Node");
        node.putObject("metadata").put("name", name).put("uid", "uid-" + name).putObject("labels")
                .put("kubernetes.io/hostname", name);
        return node;
    }

    static ObjectNode label(ObjectNode node, String key, String value) {
        node.withObjectProperty("metadata").withObjectProperty("labels").put(key, value);
        return node;
    }

    static ObjectNode taint(ObjectNode node, String key, String effect) {
        node.withObjectProperty("spec").withArrayProperty("taints").addObject().put("key", key).put("effect", effect);
        return node;
    }
}
