package dev.orc.reconciler.controller.disruption;

import dev.orc.api.client.ApiClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Deployment;
import dev.orc.api.model.OwnerReference;
import dev.orc.api.model.ReplicaSet;

import java.util.Optional;

/**
 * The scales the disruption controller counts, as Kubernetes finds them: a ReplicaSet's from its Deployment when
 * one controls it (else its own), from the informer caches; any other controller's ({@code StatefulSet}) from its
 * {@code spec.replicas} read live, if its kind has a scale subresource. The uid must match the reference.
 */
public final class CachedScales implements ScaleLookup {
    private final ObjectCache<ReplicaSet> replicaSets;
    private final ObjectCache<Deployment> deployments;
    private final ApiClient client;

    public CachedScales(ObjectCache<ReplicaSet> replicaSets, ObjectCache<Deployment> deployments, ApiClient client) {
        this.replicaSets = replicaSets;
        this.deployments = deployments;
        this.client = client;
    }

    @Override
    public Optional<ControllerScale> find(String namespace, OwnerReference controller) {
        if (ReplicaSet.KIND.equals(controller.kind())) {
            return replicaSets.get(new ObjectKey(namespace, controller.name()))
                    .filter(rs -> rs.uid().equals(controller.uid()))
                    .map(rs -> deploymentOf(namespace, rs.view())
                            .orElseGet(() -> new ControllerScale(rs.uid(), replicas(rs.view().spec().replicas()))));
        }
        return ResourceTypes.byApiVersionAndKind(controller.apiVersion(), controller.kind())
                .filter(type -> type.subresources().contains("scale"))
                .flatMap(type -> liveScale(type, namespace, controller));
    }

    private Optional<ControllerScale> deploymentOf(String namespace, ReplicaSet rs) {
        return rs.metadata().controllerRef().filter(ref -> Deployment.KIND.equals(ref.kind()))
                .flatMap(ref -> deployments.get(new ObjectKey(namespace, ref.name()))
                        .filter(deployment -> deployment.uid().equals(ref.uid())))
                .map(Cached::view)
                .map(deployment -> new ControllerScale(deployment.metadata().uid(),
                        replicas(deployment.spec().replicas())));
    }

    private Optional<ControllerScale> liveScale(ResourceType type, String namespace, OwnerReference controller) {
        return client.find(type, namespace, controller.name())
                .filter(object -> controller.uid().equals(object.path("metadata").path("uid").asText()))
                .map(object -> new ControllerScale(controller.uid(), replicas(object)));
    }

    private static int replicas(ObjectNode object) {
        return object.path("spec").path("replicas").asInt(1);
    }

    private static int replicas(Integer replicas) {
        return replicas == null ? 1 : replicas;
    }
}
