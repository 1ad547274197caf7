package dev.orc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Whether a cluster has reached the state it will stay in: every GitSource synced, every Deployment and
 * DaemonSet fully available, every Job finished, and every pod running and ready, finished, or waiting in a
 * back-off (crash loop, image pull) that only time changes.
 */
final class ClusterAtRest {
    private static final Set<String> BACK_OFFS = Set.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull",
            "ErrImageNeverPull");

    private ClusterAtRest() {
    }

    /**
     * What is still on its way, one phrase per object; empty when the cluster is at rest. With {@code gitSource}
     * the cluster is not at rest before a GitSource exists (as {@code orc up} creates one for its examples).
     */
    static List<String> pending(ApiClient client, boolean gitSource) {
        List<String> pending = new ArrayList<>();
        JsonNode sources = items(client, ResourceTypes.GIT_SOURCE);
        if (gitSource && sources.isEmpty()) {
            pending.add("no GitSource yet");
        }
        for (JsonNode source : sources) {
            if (!"Synced".equals(source.path("status").path("sync").asText())) {
                pending.add("GitSource " + name(source) + " not synced");
            }
        }
        for (JsonNode deployment : items(client, ResourceTypes.DEPLOYMENT)) {
            int replicas = deployment.path("spec").path("replicas").asInt(1);
            JsonNode status = deployment.path("status");
            if (status.path("availableReplicas").asInt() != replicas || status.path("updatedReplicas").asInt() != replicas) {
                pending.add("Deployment " + name(deployment) + " not available");
            }
        }
        for (JsonNode daemonSet : items(client, ResourceTypes.DAEMON_SET)) {
            JsonNode status = daemonSet.path("status");
            int desired = status.path("desiredNumberScheduled").asInt();
            if (desired == 0 || status.path("numberReady").asInt() != desired) {
                pending.add("DaemonSet " + name(daemonSet) + " not ready on every node");
            }
        }
        for (JsonNode job : items(client, ResourceTypes.JOB)) {
            if (!finished(job)) {
                pending.add("Job " + name(job) + " not finished");
            }
        }
        for (JsonNode pod : items(client, ResourceTypes.POD)) {
            if (state(pod).equals("starting")) {
                pending.add("Pod " + name(pod) + " starting");
            }
        }
        return pending;
    }

    /** How many pods are in each state (running, completed, failed, or the reason of a back-off). */
    static Map<String, Integer> podStates(ApiClient client) {
        Map<String, Integer> states = new TreeMap<>();
        for (JsonNode pod : items(client, ResourceTypes.POD)) {
            states.merge(state(pod), 1, Integer::sum);
        }
        return states;
    }

    private static String state(JsonNode pod) {
        JsonNode status = pod.path("status");
        switch (status.path("phase").asText()) {
            case "Succeeded":
                return "completed";
            case "Failed":
                return "failed";
            default:
                break;
        }
        for (JsonNode container : status.path("containerStatuses")) {
            String reason = container.path("state").path("waiting").path("reason").asText();
            if (BACK_OFFS.contains(reason)) {
                return reason;
            }
        }
        boolean ready = false;
        for (JsonNode condition : status.path("conditions")) {
            ready |= condition.path("type").asText().equals("Ready") && condition.path("status").asText().equals("True");
        }
        return status.path("phase").asText().equals("Running") && ready ? "running" : "starting";
    }

    private static boolean finished(JsonNode job) {
        for (JsonNode condition : job.path("status").path("conditions")) {
            String type = condition.path("type").asText();
            if ((type.equals("Complete") || type.equals("Failed")) && condition.path("status").asText().equals("True")) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode items(ApiClient client, ResourceType type) {
        return client.list(type, null, ListOptions.all()).path("items");
    }

    private static String name(JsonNode object) {
        JsonNode meta = object.path("metadata");
        return meta.path("namespace").asText("") + (meta.has("namespace") ? "/" : "") + meta.path("name").asText();
    }
}
