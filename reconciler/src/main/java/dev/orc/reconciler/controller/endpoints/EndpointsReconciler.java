package dev.orc.reconciler.controller.endpoints;

import dev.orc.api.cache.ObjectKey;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;

import java.util.Optional;

/** Reads one Service, its namespace's pods and its Endpoints from the caches, plans, and performs the one write. */
public final class EndpointsReconciler implements Reconciler {
    private final EndpointsInputs inputs;
    private final EndpointsWriter writer;

    public EndpointsReconciler(EndpointsInputs inputs, EndpointsWriter writer) {
        this.inputs = inputs;
        this.writer = writer;
    }

    @Override
    public Result reconcile(ObjectKey key) throws Exception {
        Optional<EndpointsAction> action = EndpointsPlanner.plan(key.namespace(), key.name(),
                inputs.service(key.namespace(), key.name()), inputs.pods(key.namespace()),
                inputs.endpoints(key.namespace(), key.name()));
        if (action.isPresent()) {
            switch (action.get()) {
                case EndpointsAction.Create create -> writer.create(create.endpoints());
                case EndpointsAction.Update update -> writer.update(update.endpoints());
                case EndpointsAction.Delete delete -> writer.delete(delete.namespace(), delete.name());
            }
        }
        return Result.done();
    }
}
