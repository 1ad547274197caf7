package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

/**
 * Where a rollout stands, in kubectl's words: a line to print, whether it is done, and the error that ends it
 * (a Deployment past its progress deadline). Read from the object alone.
 */
record RolloutProgress(String message, boolean done, String error) {
    static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    static RolloutProgress of(ResourceType type, JsonNode object) {
        if (type == ResourceTypes.STATEFUL_SET) {
            return statefulSet(object);
        }
        return type == ResourceTypes.DAEMON_SET ? daemonSet(object) : deployment(object);
    }

    boolean failed() {
        return error != null;
    }

    private static RolloutProgress deployment(JsonNode deployment) {
        String name = deployment.path("metadata").path("name").asText();
        JsonNode status = deployment.path("status");
        if (!observed(deployment)) {
            return waiting("Waiting for deployment spec update to be observed...");
        }
        for (JsonNode condition : status.path("conditions")) {
            if (condition.path("type").asText().equals("Progressing")
                    && condition.path("reason").asText().equals(DEADLINE_EXCEEDED)) {
                return new RolloutProgress(null, false, "deployment \"" + name + "\" exceeded its progress deadline");
            }
        }
        int replicas = deployment.path("spec").path("replicas").asInt(1);
        int updated = status.path("updatedReplicas").asInt(0);
        int total = status.path("replicas").asInt(0);
        int available = status.path("availableReplicas").asInt(0);
        String waiting = "Waiting for deployment \"" + name + "\" rollout to finish: ";
        if (updated < replicas) {
            return waiting(waiting + updated + " out of " + replicas + " new replicas have been updated...");
        }
        if (total > updated) {
            return waiting(waiting + (total - updated) + " old replicas are pending termination...");
        }
        if (available < updated) {
            return waiting(waiting + available + " of " + updated + " updated replicas are available...");
        }
        return new RolloutProgress("deployment \"" + name + "\" successfully rolled out", true, null);
    }

    private static RolloutProgress daemonSet(JsonNode daemonSet) {
        String name = daemonSet.path("metadata").path("name").asText();
        String strategy = daemonSet.path("spec").path("updateStrategy").path("type").asText("RollingUpdate");
        if (!strategy.equals("RollingUpdate")) {
            return new RolloutProgress(null, false, "rollout status is only available for RollingUpdate strategy type");
        }
        if (!observed(daemonSet)) {
            return waiting("Waiting for daemon set spec update to be observed...");
        }
        JsonNode status = daemonSet.path("status");
        int desired = status.path("desiredNumberScheduled").asInt(0);
        int updated = status.path("updatedNumberScheduled").asInt(0);
        int available = status.path("numberAvailable").asInt(0);
        String waiting = "Waiting for daemon set \"" + name + "\" rollout to finish: ";
        if (updated < desired) {
            return waiting(waiting + updated + " out of " + desired + " new pods have been updated...");
        }
        if (available < desired) {
            return waiting(waiting + available + " of " + desired + " updated pods are available...");
        }
        return new RolloutProgress("daemon set \"" + name + "\" successfully rolled out", true, null);
    }

    /** As kubectl's StatefulSet status viewer, partitioned roll outs included. */
    private static RolloutProgress statefulSet(JsonNode set) {
        JsonNode spec = set.path("spec");
        if (!spec.path("updateStrategy").path("type").asText("RollingUpdate").equals("RollingUpdate")) {
            return new RolloutProgress(null, false, "rollout status is only available for RollingUpdate strategy type");
        }
        JsonNode status = set.path("status");
        if (status.path("observedGeneration").asLong(0) == 0 || !observed(set)) {
            return waiting("Waiting for statefulset spec update to be observed...");
        }
        int replicas = spec.path("replicas").asInt(1);
        int ready = status.path("readyReplicas").asInt(0);
        if (ready < replicas) {
            return waiting("Waiting for " + (replicas - ready) + " pods to be ready...");
        }
        int updated = status.path("updatedReplicas").asInt(0);
        JsonNode rolling = spec.path("updateStrategy").path("rollingUpdate");
        if (rolling.isObject()) {
            if (rolling.path("partition").isNumber() && updated < replicas - rolling.path("partition").asInt()) {
                return waiting("Waiting for partitioned roll out to finish: " + updated + " out of "
                        + (replicas - rolling.path("partition").asInt()) + " new pods have been updated...");
            }
            return new RolloutProgress("partitioned roll out complete: " + updated + " new pods have been updated...",
                    true, null);
        }
        String updateRevision = status.path("updateRevision").asText();
        if (!updateRevision.equals(status.path("currentRevision").asText())) {
            return waiting("waiting for statefulset rolling update to complete " + updated + " pods at revision "
                    + updateRevision + "...");
        }
        return new RolloutProgress("statefulset rolling update complete " + status.path("currentReplicas").asInt(0)
                + " pods at revision " + status.path("currentRevision").asText() + "...", true, null);
    }

    private static boolean observed(JsonNode object) {
        return object.path("metadata").path("generation").asLong(0) <= object.path("status").path("observedGeneration").asLong(0);
    }

    private static RolloutProgress waiting(String message) {
        return new RolloutProgress(message, false, null);
    }
}
