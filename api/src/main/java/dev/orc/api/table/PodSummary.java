package dev.orc.api.table;

import com.fasterxml.jackson.databind.JsonNode;

/** The READY, STATUS and RESTARTS of a pod, worked out as kubectl does. */
public final class PodSummary {
    private PodSummary() {
    }

    public static String ready(JsonNode pod) {
        int total = pod.at("/spec/containers").size();
        int ready = 0;
        for (JsonNode status : pod.at("/status/containerStatuses")) {
            if (status.path("ready").asBoolean(false)) {
                ready++;
            }
        }
        return ready + "/" + total;
    }

    public static long restarts(JsonNode pod) {
        long restarts = 0;
        for (JsonNode status : pod.at("/status/containerStatuses")) {
            restarts += status.path("restartCount").asLong(0);
        }
        return restarts;
    }

    /**
     * {@code Terminating} while being deleted; else the reason a container is waiting or terminated with
     * ({@code CrashLoopBackOff}, {@code ErrImagePull}, {@code Completed}); else the pod's reason or phase.
     */
    public static String status(JsonNode pod) {
        if (pod.at("/metadata/deletionTimestamp").isTextual()) {
            return "Terminating";
        }
        String phase = pod.at("/status/phase").asText("");
        String reason = pod.at("/status/reason").asText("");
        String status = !reason.isEmpty() ? reason : phase.isEmpty() ? "Pending" : phase;
        for (JsonNode container : pod.at("/status/containerStatuses")) {
            String waiting = container.at("/state/waiting/reason").asText("");
            String terminated = container.at("/state/terminated/reason").asText("");
            if (!waiting.isEmpty() && !waiting.equals("ContainerCreating")) {
                return waiting;
            }
            if (!waiting.isEmpty()) {
                status = waiting;
            } else if (!terminated.isEmpty() && !phase.equals("Running")) {
                status = terminated;
            }
        }
        return status;
    }

    /** {@code <none>} without readiness gates, else how many of them have their condition True: {@code 1/2}. */
    public static String readinessGates(JsonNode pod) {
        JsonNode gates = pod.at("/spec/readinessGates");
        if (gates.isEmpty()) {
            return "<none>";
        }
        int met = 0;
        for (JsonNode gate : gates) {
            String type = gate.path("conditionType").asText();
            for (JsonNode condition : pod.at("/status/conditions")) {
                if (condition.path("type").asText().equals(type) && condition.path("status").asText().equals("True")) {
                    met++;
                }
            }
        }
        return met + "/" + gates.size();
    }
}
