package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

/** Manifests the CLI tests seed. */
final class Workloads {
    private Workloads() {
    }

    /** A Deployment {@code name} of {@code replicas} pods running one container {@code web} of {@code image}. */
    static ObjectNode deployment(String name, int replicas, String image, String changeCause) {
        return (ObjectNode) Json.parse("""
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "%1$s", "namespace": "default", "annotations": {"kubernetes.io/change-cause": "%4$s"}},
                 "spec": {"replicas": %2$d, "selector": {"matchLabels": {"app": "%1$s"}},
                          "template": {"metadata": {"labels": {"app": "%1$s"}},
                                       "spec": {"containers": [{"name": "web", "image": "%3$s"}]}}}}
                """.formatted(name, replicas, image, changeCause));
    }

    /** A Deployment manifest as a file in Git would hold it. */
    static String deploymentYaml(String name, int replicas, String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  replicas: %2$d
                  selector:
                    matchLabels:
                      app: %1$s
                  template:
                    metadata:
                      labels:
                        app: %1$s
                    spec:
                      containers:
                        - name: web
                          image: %3$s
                """.formatted(name, replicas, image);
    }
}
