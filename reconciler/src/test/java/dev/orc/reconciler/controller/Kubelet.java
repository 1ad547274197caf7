package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Timestamps;

import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Predicate;

/** The scheduler and the kubelet, as controller tests need them: pods bound, run and, once stopped, removed through the API. */
public final class Kubelet {
    private final RegistryCluster cluster;
    private final InstantSource clock;

    public Kubelet(RegistryCluster cluster, InstantSource clock) {
        this.cluster = cluster;
        this.clock = clock;
    }

    /** The kubelet and scheduler: every pod not being deleted is bound to {@code node}, Running and Ready. */
    public void runAllPods(String node) {
        runPods(node, pod -> true);
    }

    /** As {@link #runAllPods(String)}, for the pods {@code healthy} accepts; the others stay as they are. */
    public void runPods(String node, Predicate<ObjectNode> healthy) {
        for (ObjectNode pod : cluster.list(ResourceTypes.POD)) {
            if (pod.path("metadata").has("deletionTimestamp") || "Running".equals(pod.path("status").path("phase").asText())
                    || !healthy.test(pod)) {
                continue;
            }
            String name = pod.path("metadata").path("name").asText();
            if (pod.path("spec").path("nodeName").asText().isEmpty()) {
                cluster.client().bind("default", name, node);
                pod = cluster.client().get(ResourceTypes.POD, "default", name);
            }
            ObjectNode status = pod.putObject("status").put("phase", "Running").put("hostIP", "127.0.0.1")
                    .put("startTime", Timestamps.format(clock.instant()));
            status.putArray("conditions").addObject().put("type", "Ready").put("status", "True")
                    .put("lastTransitionTime", Timestamps.format(clock.instant()));
            cluster.client().updateStatus(ResourceTypes.POD, "default", pod);
        }
    }

    /**
     * The kubelet: a terminating pod whose containers have stopped, {@code stopping} after its deletion was asked
     * for, is gone (deleted with no further grace), as the kubelet deletes it once they have stopped.
     */
    public void finishTerminating(Duration stopping) {
        for (ObjectNode pod : cluster.list(ResourceTypes.POD)) {
            JsonNode metadata = pod.path("metadata");
            if (metadata.has("deletionTimestamp") && !Timestamps.parse(metadata.path("deletionTimestamp").asText())
                    .minusSeconds(metadata.path("deletionGracePeriodSeconds").asLong()).plus(stopping).isAfter(clock.instant())) {
                cluster.client().delete(ResourceTypes.POD, "default", metadata.path("name").asText(),
                        DeleteOptions.defaults().withGracePeriodSeconds(0L));
            }
        }
    }
}
