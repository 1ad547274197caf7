package dev.orc.reconciler.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

/** Objects as users write them, for the API tests. */
public final class Fixtures {
    private Fixtures() {
    }

    public static ObjectNode namespace(String name) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"%s"}}""".formatted(name));
    }

    public static ObjectNode pod(String name, String app) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"%s"}},
                 "spec":{"containers":[{"name":"main","image":"busybox:1.36","ports":[{"containerPort":80}],
                   "env":[{"name":"A","value":"1"}]},{"name":"side","image":"busybox:1.36"}]}}"""
                .formatted(name, app));
    }

    public static ObjectNode configMap(String name, String value) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s"},"data":{"key":"%s"}}"""
                .formatted(name, value));
    }

    public static ObjectNode deployment(String name, int replicas) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s","labels":{"app":"%s"}},
                 "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"%s"}},
                   "template":{"metadata":{"labels":{"app":"%s"}},
                     "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}"""
                .formatted(name, name, replicas, name, name));
    }
}
