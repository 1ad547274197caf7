package dev.orc.reconciler.controller.endpoints;

import dev.orc.api.model.Endpoints;

/** One write the endpoints controller asks for. */
public sealed interface EndpointsAction {
    record Create(Endpoints endpoints) implements EndpointsAction {
    }

    /** Replaces the subsets and labels of an existing object; carries the resourceVersion that was read. */
    record Update(Endpoints endpoints) implements EndpointsAction {
    }

    record Delete(String namespace, String name) implements EndpointsAction {
    }
}
