package dev.orc.reconciler.controller.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.apps.DeploymentAnnotations;
import dev.orc.api.apps.PodTemplateHash;
import dev.orc.api.cache.Cached;
import dev.orc.api.model.Deployment;
import dev.orc.api.model.DeploymentStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The working state of one rollout pass: the Deployment's ReplicaSets as the pass has changed them so far, and
 * its status as the pass has set it. Each step reads the state the previous steps left, as Kubernetes' controller
 * reads back what it just wrote; at the end the changes become one write per ReplicaSet. Lives for one pass only.
 */
final class RolloutState {
    final Cached<Deployment> deployment;
    /** The Deployment's JSON, copied once for the pass: what the ReplicaSets it creates and adopts are built from. */
    final ObjectNode deploymentTree;
    final DeploymentParams params;
    final Instant now;
    private final Map<String, ReplicaSetState> current = new LinkedHashMap<>();
    private final Map<String, ObjectNode> original = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private final Set<String> created = new LinkedHashSet<>();
    private final List<RolloutAction> removals = new ArrayList<>();
    private final Map<String, List<String>> events = new HashMap<>();
    private final Set<String> namesInUse;
    DeploymentStatus status;
    String deploymentRevision;

    /** {@code namesInUse}: the names of every ReplicaSet of the namespace, owned or not. */
    RolloutState(Cached<Deployment> deployment, List<ReplicaSetState> owned, Set<String> namesInUse, Instant now) {
        this.namesInUse = Set.copyOf(namesInUse);
        this.deployment = deployment;
        this.deploymentTree = deployment.copy();
        this.params = DeploymentParams.of(deployment.view());
        this.now = now;
        DeploymentStatus observed = deployment.view().status();
        this.status = observed == null ? new DeploymentStatus(null, null, null, null, null, null, null, null) : observed;
        this.deploymentRevision = deployment.view().metadata().annotations().get(DeploymentAnnotations.REVISION);
        owned.forEach(rs -> {
            current.put(rs.name(), rs);
            original.put(rs.name(), rs.raw());
        });
    }

    /** The ReplicaSet whose template is the Deployment's (the oldest, should there be several). */
    Optional<ReplicaSetState> newReplicaSet() {
        return byCreation().stream()
                .filter(rs -> PodTemplateHash.equalIgnoringHash(rs.template(), deploymentTree.path("spec").path("template")))
                .findFirst();
    }

    /** Every other ReplicaSet, oldest first. */
    List<ReplicaSetState> oldReplicaSets() {
        Optional<String> newName = newReplicaSet().map(ReplicaSetState::name);
        return byCreation().stream().filter(rs -> newName.isEmpty() || !rs.name().equals(newName.get())).toList();
    }

    List<ReplicaSetState> all() {
        return byCreation();
    }

    /** Whether a ReplicaSet of this name exists, whoever owns it. */
    boolean nameTaken(String name) {
        return current.containsKey(name) || namesInUse.contains(name);
    }

    void put(ReplicaSetState rs) {
        if (!rs.raw().equals(current.get(rs.name()).raw())) {
            current.put(rs.name(), rs);
            changed.add(rs.name());
        }
    }

    void create(ReplicaSetState rs, String event) {
        current.put(rs.name(), rs);
        created.add(rs.name());
        if (event != null) {
            event(rs.name(), event);
        }
    }

    void release(String name, ObjectNode released) {
        removals.add(new RolloutAction.Update(name, released, List.of()));
    }

    void delete(ReplicaSetState rs) {
        current.remove(rs.name());
        changed.remove(rs.name());
        removals.add(new RolloutAction.Delete(rs.name(), rs.uid()));
    }

    /**
     * Scales {@code rs} to {@code replicas}, refreshing its desired/max-replicas annotations (Kubernetes'
     * scaleReplicaSet); returns whether its size changed.
     */
    boolean scale(ReplicaSetState rs, int replicas) {
        ReplicaSetState latest = current.get(rs.name());
        int from = latest.replicas();
        ReplicaSetState scaled = Revisions.withReplicaAnnotations(latest.withReplicas(replicas), params);
        put(scaled);
        if (from == replicas) {
            return false;
        }
        event(rs.name(), "Scaled " + (replicas > from ? "up" : "down") + " replica set " + rs.name() + " to " + replicas
                + " from " + from);
        return true;
    }

    /** Scales only when the size differs (Kubernetes' scaleReplicaSetAndRecordEvent). */
    boolean scaleIfNeeded(ReplicaSetState rs, int replicas) {
        return current.get(rs.name()).replicas() != replicas && scale(rs, replicas);
    }

    ReplicaSetState latest(ReplicaSetState rs) {
        return current.get(rs.name());
    }

    /** The writes of this pass: creates, then updates in the order first changed, then releases and deletes. */
    List<RolloutAction> actions() {
        List<RolloutAction> actions = new ArrayList<>();
        for (String name : created) {
            if (current.containsKey(name)) {
                actions.add(new RolloutAction.Create(name, current.get(name).raw(), events.getOrDefault(name, List.of())));
            }
        }
        for (String name : changed) {
            if (!created.contains(name) && !current.get(name).raw().equals(original.get(name))) {
                actions.add(new RolloutAction.Update(name, current.get(name).raw(), events.getOrDefault(name, List.of())));
            }
        }
        actions.addAll(removals);
        return actions;
    }

    private void event(String name, String message) {
        events.computeIfAbsent(name, n -> new ArrayList<>()).add(message);
    }

    private List<ReplicaSetState> byCreation() {
        return current.values().stream()
                .sorted(Comparator.comparing(ReplicaSetState::created).thenComparing(ReplicaSetState::name)).toList();
    }
}
