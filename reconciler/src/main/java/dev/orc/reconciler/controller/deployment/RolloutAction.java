package dev.orc.reconciler.controller.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One ReplicaSet write a Deployment's plan asks for; {@code events} are the messages of the Normal
 * {@code ScalingReplicaSet} events to record on the Deployment once the write succeeded.
 */
public sealed interface RolloutAction {
    String name();

    List<String> events();

    record Create(String name, ObjectNode replicaSet, List<String> events) implements RolloutAction {
        public Create {
            events = List.copyOf(events);
        }
    }

    /** Scale, annotate, adopt or release: the ReplicaSet as it should be stored, carrying the resourceVersion read. */
    record Update(String name, ObjectNode replicaSet, List<String> events) implements RolloutAction {
        public Update {
            events = List.copyOf(events);
        }
    }

    record Delete(String name, String uid) implements RolloutAction {
        @Override
        public List<String> events() {
            return List.of();
        }
    }
}
