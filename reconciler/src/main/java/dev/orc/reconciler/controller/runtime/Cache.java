package dev.orc.reconciler.controller.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/** Read access to cached objects of one kind; what reconcilers read instead of the API. Copies only. */
public interface Cache {
    Optional<ObjectNode> get(ObjectKey key);

    List<ObjectNode> list();
}
