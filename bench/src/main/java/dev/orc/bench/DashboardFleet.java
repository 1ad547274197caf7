package dev.orc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard benchmark's objects: Deployments of busybox in {@value #NAMESPACE}, whose pods stay Pending on a
 * server without nodes, so that no node agent ever writes their status (the benchmark's own status writes stay).
 */
final class DashboardFleet {
    static final String NAMESPACE = "dashboard-bench";
    private static final Duration POLL = Duration.ofMillis(500);

    private final ApiClient client;
    private final int deployments;
    private final int replicas;

    DashboardFleet(ApiClient client, int deployments, int replicas) {
        this.client = client;
        this.deployments = deployments;
        this.replicas = replicas;
    }

    int pods() {
        return deployments * replicas;
    }

    /** Creates the namespace and the Deployments; waits (bounded) until all their pods exist. */
    Duration create(Duration timeout) throws InterruptedException {
        client.create(ResourceTypes.NAMESPACE, null, (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"%s"}}""".formatted(NAMESPACE)),
                WriteOptions.defaults());
        long start = System.nanoTime();
        for (int i = 0; i < deployments; i++) {
            client.create(ResourceTypes.DEPLOYMENT, NAMESPACE, deployment("app-%02d".formatted(i)), WriteOptions.defaults());
        }
        long deadline = start + timeout.toNanos();
        int have = podNames().size();
        while (have < pods()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + have + " of " + pods() + " pods exist after "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
            have = podNames().size();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The names of the namespace's pods, sorted. */
    List<String> podNames() {
        List<String> names = new ArrayList<>();
        for (JsonNode pod : client.listAll(ResourceTypes.POD, NAMESPACE, ListOptions.all()).path("items")) {
            names.add(pod.path("metadata").path("name").asText());
        }
        names.sort(String::compareTo);
        return names;
    }

    /**
     * Writes {@code reason} as the waiting reason of {@code pod}'s container, through the status subresource: what the
     * tree shows as the pod's state, and what nothing else writes while the pod has no node.
     */
    void markWaiting(String pod, String reason) {
        ObjectNode patch = (ObjectNode) Json.parse("""
                {"status":{"containerStatuses":[{"name":"app","image":"orc/busybox:1","imageID":"","ready":false,
                  "restartCount":0,"state":{"waiting":{"reason":"%s"}}}]}}""".formatted(reason));
        client.patchStatus(ResourceTypes.POD, NAMESPACE, pod, PatchType.MERGE, patch);
    }

    private ObjectNode deployment(String name) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"apps/v1","kind":"Deployment",
                 "metadata":{"name":"%1$s","namespace":"%3$s","labels":{"app":"%1$s"}},
                 "spec":{"replicas":%2$d,"selector":{"matchLabels":{"app":"%1$s"}},
                  "template":{"metadata":{"labels":{"app":"%1$s"}},
                   "spec":{"containers":[{"name":"app","image":"orc/busybox:1",
                    "command":["sh","-c","while true; do sleep 5; done"]}]}}}}
                """.formatted(name, replicas, NAMESPACE));
    }
}
