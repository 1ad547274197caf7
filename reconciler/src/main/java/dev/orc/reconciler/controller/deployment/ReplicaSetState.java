package dev.orc.reconciler.controller.deployment;

import dev.orc.api.apps.DeploymentAnnotations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Timestamps;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** One ReplicaSet of a Deployment as a rollout pass sees it; changes make copies. */
record ReplicaSetState(ObjectNode raw) {

    String name() {
        return raw.path("metadata").path("name").asText();
    }

    String uid() {
        return raw.path("metadata").path("uid").asText();
    }

    ObjectMeta metadata() {
        return Json.convert(raw.path("metadata"), ObjectMeta.class);
    }

    int replicas() {
        return raw.path("spec").path("replicas").asInt(1);
    }

    int statusReplicas() {
        return raw.path("status").path("replicas").asInt(0);
    }

    int readyReplicas() {
        return raw.path("status").path("readyReplicas").asInt(0);
    }

    int availableReplicas() {
        return raw.path("status").path("availableReplicas").asInt(0);
    }

    long generation() {
        return raw.path("metadata").path("generation").asLong(0);
    }

    long observedGeneration() {
        return raw.path("status").path("observedGeneration").asLong(0);
    }

    boolean deleting() {
        return raw.path("metadata").hasNonNull("deletionTimestamp");
    }

    /** When it was created; one not yet created counts as the newest. */
    Instant created() {
        String text = raw.path("metadata").path("creationTimestamp").asText(null);
        return text == null ? Instant.MAX : Timestamps.parse(text);
    }

    JsonNode template() {
        return raw.path("spec").path("template");
    }

    Optional<String> annotation(String key) {
        JsonNode value = raw.path("metadata").path("annotations").get(key);
        return value == null || !value.isTextual() ? Optional.empty() : Optional.of(value.asText());
    }

    /** The {@code deployment.kubernetes.io/revision}, 0 when absent or not a number. */
    long revision() {
        return DeploymentAnnotations.revision(raw);
    }

    OptionalInt intAnnotation(String key) {
        Optional<String> value = annotation(key);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.get()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    ReplicaSetState withReplicas(int replicas) {
        ObjectNode copy = raw.deepCopy();
        copy.withObjectProperty("spec").put("replicas", replicas);
        return new ReplicaSetState(copy);
    }

    ReplicaSetState withAnnotation(String key, String value) {
        ObjectNode copy = raw.deepCopy();
        copy.withObjectProperty("metadata").withObjectProperty("annotations").put(key, value);
        return new ReplicaSetState(copy);
    }

    ReplicaSetState withMinReadySeconds(int seconds) {
        ObjectNode copy = raw.deepCopy();
        copy.withObjectProperty("spec").put("minReadySeconds", seconds);
        return new ReplicaSetState(copy);
    }

    int minReadySeconds() {
        return raw.path("spec").path("minReadySeconds").asInt(0);
    }

    static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
