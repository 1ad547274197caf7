package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiCall;
import dev.orc.api.client.ApiClient;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.testing.ForwardingTransport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RegistryCluster}'s controller client whose pod creates and deletes go through a {@link BatchGate}, so that
 * they succeed only when they run as many at a time as the gate's batches say. A chosen arrival fails instead of
 * writing. Notes how many events had been recorded as each create or delete arrived.
 */
public final class GatedClient extends ForwardingTransport {
    private final RegistryCluster cluster;
    private final BatchGate gate;
    private final Map<Integer, RuntimeException> failures = new HashMap<>();
    private final List<Integer> eventsAtArrival = new ArrayList<>();

    public GatedClient(RegistryCluster cluster, BatchGate gate) {
        super(cluster.controllerTransport());
        this.cluster = cluster;
        this.gate = gate;
    }

    /** The create or delete that arrives {@code arrival}-th (from 0) throws {@code error}. */
    public GatedClient failing(int arrival, RuntimeException error) {
        failures.put(arrival, error);
        return this;
    }

    /** The client to give the controller. */
    public ApiClient client() {
        return ApiClient.over(this);
    }

    public synchronized List<Integer> eventsAtArrival() {
        return List.copyOf(eventsAtArrival);
    }

    @Override
    public ObjectNode call(ApiCall call) {
        boolean gated = call.type() == ResourceTypes.POD && call.subresource() == null
                && ("POST".equals(call.method()) || "DELETE".equals(call.method()));
        if (!gated) {
            return super.call(call);
        }
        noteEvents();
        return gate.pass(arrival -> {
            RuntimeException failure = failures.get(arrival);
            if (failure != null) {
                throw failure;
            }
            return super.call(call);
        });
    }

    private synchronized void noteEvents() {
        eventsAtArrival.add(cluster.recordedEvents().size());
    }
}
