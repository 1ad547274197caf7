package dev.orc.reconciler.controller.disruption;

/** A controller of pods and the replicas its spec asks for, as the disruption controller counts expected pods. */
public record ControllerScale(String uid, int replicas) {
}
