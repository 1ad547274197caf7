package dev.orc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.manifest.LoadResult;
import dev.orc.api.manifest.Manifest;
import dev.orc.api.manifest.ManifestParser;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the idle benchmark runs: {@code bench/idle.yaml} (one of each kind, in namespace {@value #NAMESPACE}) beside
 * the examples {@code orc up} syncs from its bundled repository; on simulated nodes, the same objects without their
 * probes and a fleet of Deployments of up to {@value #FLEET_REPLICAS} replicas each instead of the examples.
 */
final class IdleWorkloads {
    static final String NAMESPACE = "idle-bench";
    static final int FLEET_REPLICAS = 100;
    private static final String MANIFESTS = "bench/idle.yaml";

    private IdleWorkloads() {
    }

    /** The objects of {@code bench/idle.yaml}, in the order to create them. */
    static List<ObjectNode> manifests() {
        return parse(MANIFESTS, resource("/" + MANIFESTS));
    }

    /** Creates {@code objects} through {@code client}, each in its own namespace or {@value #NAMESPACE}. */
    static void create(ApiClient client, List<ObjectNode> objects) {
        for (ObjectNode object : objects) {
            ResourceType type = ResourceTypes.byApiVersionAndKind(object.path("apiVersion").asText(),
                    object.path("kind").asText()).orElseThrow(() -> new IllegalStateException(
                            "orc has no kind " + object.path("kind").asText() + " of " + object.path("apiVersion").asText()));
            String namespace = type.namespaced() ? object.path("metadata").path("namespace").asText(NAMESPACE) : null;
            client.create(type, namespace, object.deepCopy(), WriteOptions.defaults());
        }
    }

    /**
     * {@code objects} without the probes of their containers: on simulated nodes a pod's address is not a real one,
     * so a probe could only time out (or reach whatever has that address on this machine).
     */
    static List<ObjectNode> withoutProbes(List<ObjectNode> objects) {
        List<ObjectNode> stripped = new ArrayList<>();
        for (ObjectNode object : objects) {
            ObjectNode copy = object.deepCopy();
            JsonNode podSpec = copy.path("kind").asText().equals("Pod") ? copy.path("spec")
                    : copy.path("spec").path("template").path("spec");
            for (JsonNode container : podSpec.path("containers")) {
                ((ObjectNode) container).remove(List.of("readinessProbe", "livenessProbe", "startupProbe"));
            }
            stripped.add(copy);
        }
        return stripped;
    }

    /** Deployments of busybox sleeping, {@value #FLEET_REPLICAS} replicas each, {@code pods} replicas in all. */
    static List<ObjectNode> fleet(int pods) {
        List<ObjectNode> deployments = new ArrayList<>();
        for (int i = 0; i * FLEET_REPLICAS < pods; i++) {
            deployments.add(fleetDeployment("fleet-" + i, Math.min(FLEET_REPLICAS, pods - i * FLEET_REPLICAS)));
        }
        return deployments;
    }

    private static ObjectNode fleetDeployment(String name, int replicas) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"apps/v1","kind":"Deployment",
                 "metadata":{"name":"%1$s","namespace":"%3$s","labels":{"app":"%1$s"}},
                 "spec":{"replicas":%2$d,"selector":{"matchLabels":{"app":"%1$s"}},
                  "template":{"metadata":{"labels":{"app":"%1$s"}},
                   "spec":{"containers":[{"name":"app","image":"orc/busybox:1","imagePullPolicy":"Never",
                    "command":["sh","-c","trap 'exit 0' TERM; while true; do sleep 5; done"],
                    "resources":{"requests":{"cpu":"5m","memory":"4Mi"}}}]}}}}
                """.formatted(name, replicas, NAMESPACE));
    }

    private static List<ObjectNode> parse(String source, byte[] yaml) {
        LoadResult loaded = ManifestParser.parse(source, yaml);
        if (loaded.hasErrors()) {
            throw new IllegalStateException("the benchmark's manifests in " + source + " do not load: " + loaded.diagnostics());
        }
        return loaded.manifests().stream().map(Manifest::object).map(JsonNode::deepCopy).map(ObjectNode.class::cast).toList();
    }

    private static byte[] resource(String path) {
        try (InputStream in = IdleWorkloads.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the orc jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
