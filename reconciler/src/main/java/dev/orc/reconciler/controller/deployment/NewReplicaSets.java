package dev.orc.reconciler.controller.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.apps.DeploymentAnnotations;
import dev.orc.api.apps.PodTemplateHash;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ControllerRefs;
import dev.orc.api.model.DeploymentStatus;
import dev.orc.api.model.ReplicaSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The ReplicaSet of a Deployment's current template: found and brought up to date, or made (Kubernetes' getNewReplicaSet). */
final class NewReplicaSets {
    private NewReplicaSets() {
    }

    /**
     * Brings the new ReplicaSet's revision and history annotations up to date, or creates it when asked to and
     * there is none (Kubernetes' getNewReplicaSet). Returns false on a name collision: status then counts it.
     */
    static boolean sync(RolloutState state, boolean create) {
        long newRevision = Revisions.maxRevision(state.oldReplicaSets()) + 1;
        Optional<ReplicaSetState> existing = state.newReplicaSet();
        JsonNode deployment = state.deploymentTree;
        if (existing.isPresent()) {
            ReplicaSetState updated = Revisions.annotateNew(existing.get(), deployment, state.params, newRevision, true);
            if (updated.minReadySeconds() != state.params.minReadySeconds()) {
                updated = updated.withMinReadySeconds(state.params.minReadySeconds());
            }
            state.put(updated);
            state.deploymentRevision = updated.annotation(DeploymentAnnotations.REVISION).orElse(state.deploymentRevision);
            if (state.params.hasProgressDeadline() && state.status.condition(DeploymentStatus.PROGRESSING).isEmpty()) {
                state.status = RolloutStatus.set(state.status, RolloutStatus.condition(DeploymentStatus.PROGRESSING,
                        "True", RolloutStatus.FOUND_NEW_RS, "Found new replica set \"" + updated.name() + "\"", state.now));
            }
            return true;
        }
        if (!create) {
            return true;
        }
        ReplicaSetState fresh = template(state);
        if (state.nameTaken(fresh.name())) {
            return false;
        }
        int size = RollingSteps.newReplicaSetSize(state.params, withNew(state.all(), fresh), fresh);
        fresh = Revisions.annotateNew(fresh.withReplicas(size), deployment, state.params, newRevision, false);
        state.create(fresh, size > 0 ? "Scaled up replica set " + fresh.name() + " to " + size : null);
        state.deploymentRevision = Long.toString(newRevision);
        if (state.params.hasProgressDeadline()) {
            state.status = RolloutStatus.set(state.status, RolloutStatus.condition(DeploymentStatus.PROGRESSING,
                    "True", RolloutStatus.NEW_RS_CREATED, "Created new replica set \"" + fresh.name() + "\"", state.now));
        }
        return true;
    }

    /** The ReplicaSet for the Deployment's template: NAME-HASH, the hash on its selector, template and labels. */
    private static ReplicaSetState template(RolloutState state) {
        JsonNode deployment = state.deploymentTree;
        String hash = PodTemplateHash.of(deployment.path("spec").path("template"), state.status.collisionCount());
        ObjectNode template = deployment.path("spec").path("template").deepCopy();
        template.withObjectProperty("metadata").withObjectProperty("labels").put(PodTemplateHash.LABEL, hash);
        ObjectNode rs = Json.object();
        rs.put("apiVersion", ReplicaSet.API_VERSION).put("kind", ReplicaSet.KIND);
        ObjectNode metadata = rs.putObject("metadata");
        metadata.put("name", state.deployment.name() + "-" + hash);
        metadata.put("namespace", state.deployment.view().namespace());
        metadata.set("labels", template.path("metadata").path("labels").deepCopy());
        metadata.putArray("ownerReferences").add(ControllerRefs.reference(deployment));
        ObjectNode spec = rs.putObject("spec").put("replicas", 0).put("minReadySeconds", state.params.minReadySeconds());
        ObjectNode selector = deployment.path("spec").path("selector").deepCopy();
        selector.withObjectProperty("matchLabels").put(PodTemplateHash.LABEL, hash);
        spec.set("selector", selector);
        spec.set("template", template);
        return new ReplicaSetState(rs);
    }


    private static List<ReplicaSetState> withNew(List<ReplicaSetState> all, ReplicaSetState fresh) {
        List<ReplicaSetState> list = new ArrayList<>(all);
        list.add(fresh);
        return list;
    }
}
