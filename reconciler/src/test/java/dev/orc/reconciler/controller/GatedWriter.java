package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RegistryCluster}'s writer whose creates and deletes go through a {@link BatchGate}, so that they succeed only
 * when they run as many at a time as the gate's batches say. A chosen arrival fails instead of writing. Notes how many
 * events had been recorded as each create or delete arrived.
 */
public final class GatedWriter implements ObjectWriter {
    private final RegistryCluster cluster;
    private final BatchGate gate;
    private final Map<Integer, RuntimeException> failures = new HashMap<>();
    private final List<Integer> eventsAtArrival = new ArrayList<>();

    public GatedWriter(RegistryCluster cluster, BatchGate gate) {
        this.cluster = cluster;
        this.gate = gate;
    }

    /** The create or delete that arrives {@code arrival}-th (from 0) throws {@code error}. */
    public GatedWriter failing(int arrival, RuntimeException error) {
        failures.put(arrival, error);
        return this;
    }

    public synchronized List<Integer> eventsAtArrival() {
        return List.copyOf(eventsAtArrival);
    }

    @Override
    public ObjectNode create(ResourceType type, ObjectNode object) {
        noteEvents();
        return gate.pass(arrival -> {
            failIfChosen(arrival);
            return cluster.writer().create(type, object);
        });
    }

    @Override
    public ObjectNode update(ResourceType type, ObjectNode object) {
        return cluster.writer().update(type, object);
    }

    @Override
    public ObjectNode updateStatus(ResourceType type, ObjectNode object) {
        return cluster.writer().updateStatus(type, object);
    }

    @Override
    public void delete(ResourceType type, String namespace, String name, String uid, Propagation propagation) {
        noteEvents();
        gate.pass(arrival -> {
            failIfChosen(arrival);
            cluster.writer().delete(type, namespace, name, uid, propagation);
            return name;
        });
    }

    private void failIfChosen(int arrival) {
        RuntimeException failure = failures.get(arrival);
        if (failure != null) {
            throw failure;
        }
    }

    private synchronized void noteEvents() {
        eventsAtArrival.add(cluster.recordedEvents().size());
    }
}
