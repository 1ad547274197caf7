package dev.orc.cli.bench;

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
import dev.orc.cli.server.BundledExamples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the idle benchmark runs: {@code bench/idle.yaml} (one of each kind, in namespace {@value #NAMESPACE}), the
 * examples {@code orc up} syncs from its bundled repository, and for a run on simulated nodes a fleet of
 * Deployments of up to {@value #FLEET_REPLICAS} replicas each.
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

    /** The objects of the examples bundled with orc (which {@code orc up} applies itself). */
    static List<ObjectNode> bundledExamples() {
        List<ObjectNode> objects = new ArrayList<>();
        for (String file : BundledExamples.FILES) {
            try {
                objects.addAll(parse(file, BundledExamples.read(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return objects;
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
