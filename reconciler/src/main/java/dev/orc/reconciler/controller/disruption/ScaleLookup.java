package dev.orc.reconciler.controller.disruption;

import dev.orc.api.model.OwnerReference;

import java.util.Optional;

/**
 * The scale behind a pod's controller reference: a ReplicaSet's Deployment when one controls it, else the
 * controller itself if it has a scale; empty when no such controller exists (any more) with that uid.
 */
@FunctionalInterface
public interface ScaleLookup {
    Optional<ControllerScale> find(String namespace, OwnerReference controller);
}
