package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.model.GitSourceStatus;

import java.util.Collection;
import java.util.Optional;

/**
 * The health of managed objects, read from their own status as Argo CD reads it: a Deployment mid-rollout is
 * Progressing, one past its progress deadline Degraded; a failed Job or Pod is Degraded; an object that should
 * exist and does not is Missing. The source's health is the worst of its objects'.
 */
public record Health(String status, String message) {
    public static final Health HEALTHY = new Health(GitSourceStatus.HEALTHY, "");

    public static Health missing(ManagedRef ref) {
        return new Health(GitSourceStatus.MISSING, ref + " does not exist");
    }

    public static Health of(ManagedRef ref, Optional<JsonNode> live) {
        if (live.isEmpty()) {
            return missing(ref);
        }
        JsonNode object = live.get();
        return switch (ref.kind()) {
            case "Deployment" -> rollout(ref, object, "replicas", "updatedReplicas", "availableReplicas");
            case "ReplicaSet" -> rollout(ref, object, "replicas", null, "availableReplicas");
            case "DaemonSet" -> daemonSet(ref, object);
            case "Job" -> job(ref, object);
            case "Pod" -> pod(ref, object);
            default -> HEALTHY;
        };
    }

    /** The worst health of several; Healthy when there are none. */
    public static Health worst(Collection<Health> all) {
        Health worst = HEALTHY;
        for (Health health : all) {
            if (rank(health.status) > rank(worst.status)) {
                worst = health;
            }
        }
        return worst;
    }

    private static int rank(String status) {
        return switch (status) {
            case GitSourceStatus.DEGRADED -> 3;
            case GitSourceStatus.MISSING -> 2;
            case GitSourceStatus.PROGRESSING -> 1;
            default -> 0;
        };
    }

    private static Health rollout(ManagedRef ref, JsonNode object, String wantedField, String updatedField, String availableField) {
        JsonNode status = object.path("status");
        if (hasCondition(status, "Progressing", "False", "ProgressDeadlineExceeded")) {
            return new Health(GitSourceStatus.DEGRADED, ref + " exceeded its progress deadline");
        }
        long generation = object.path("metadata").path("generation").asLong(0);
        if (status.path("observedGeneration").asLong(0) < generation) {
            return new Health(GitSourceStatus.PROGRESSING, ref + ": waiting for the controller to observe generation " + generation);
        }
        int wanted = object.path("spec").path("replicas").asInt(1);
        int updated = updatedField == null ? wanted : status.path(updatedField).asInt(0);
        int available = status.path(availableField).asInt(0);
        int total = status.path(wantedField).asInt(0);
        if (updated < wanted || available < wanted || total > wanted) {
            return new Health(GitSourceStatus.PROGRESSING, ref + ": " + updated + " of " + wanted + " updated, " + available + " available");
        }
        return HEALTHY;
    }

    private static Health daemonSet(ManagedRef ref, JsonNode object) {
        JsonNode status = object.path("status");
        int desired = status.path("desiredNumberScheduled").asInt(0);
        int updated = status.path("updatedNumberScheduled").asInt(0);
        int available = status.path("numberAvailable").asInt(0);
        if (updated < desired || available < desired) {
            return new Health(GitSourceStatus.PROGRESSING, ref + ": " + available + " of " + desired + " available");
        }
        return HEALTHY;
    }

    private static Health job(ManagedRef ref, JsonNode object) {
        JsonNode status = object.path("status");
        if (hasCondition(status, "Failed", "True", null)) {
            return new Health(GitSourceStatus.DEGRADED, ref + " failed");
        }
        if (hasCondition(status, "Complete", "True", null)) {
            return HEALTHY;
        }
        return new Health(GitSourceStatus.PROGRESSING, ref + " is running");
    }

    private static Health pod(ManagedRef ref, JsonNode object) {
        String phase = object.path("status").path("phase").asText("Pending");
        return switch (phase) {
            case "Failed" -> new Health(GitSourceStatus.DEGRADED, ref + " failed");
            case "Succeeded" -> HEALTHY;
            case "Running" -> hasCondition(object.path("status"), "Ready", "True", null)
                    ? HEALTHY : new Health(GitSourceStatus.PROGRESSING, ref + " is not ready");
            default -> new Health(GitSourceStatus.PROGRESSING, ref + " is " + phase);
        };
    }

    private static boolean hasCondition(JsonNode status, String type, String value, String reason) {
        for (JsonNode condition : status.path("conditions")) {
            if (type.equals(condition.path("type").asText()) && value.equals(condition.path("status").asText())
                    && (reason == null || reason.equals(condition.path("reason").asText()))) {
                return true;
            }
        }
        return false;
    }
}
