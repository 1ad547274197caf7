package dev.orc.reconciler.controller.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/** The collector's reads over plain lists of objects: what the informers find by index, found here by filtering. */
final class ListedGcObjects implements GcObjects {
    /** Reads one object by kind, namespace and name. */
    @FunctionalInterface
    interface Reader {
        Optional<ObjectNode> get(ResourceType type, String namespace, String name);
    }

    private final List<ResourceType> types;
    private final Function<ResourceType, List<ObjectNode>> lister;
    private final Reader reader;

    ListedGcObjects(List<ResourceType> types, Function<ResourceType, List<ObjectNode>> lister, Reader reader) {
        this.types = List.copyOf(types);
        this.lister = lister;
        this.reader = reader;
    }

    @Override
    public List<ResourceType> types() {
        return types;
    }

    @Override
    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        return reader.get(type, namespace, name);
    }

    @Override
    public List<ObjectNode> dependents(ResourceType type, String ownerUid) {
        return lister.apply(type).stream().filter(object -> StreamSupport
                .stream(object.path("metadata").path("ownerReferences").spliterator(), false)
                .map(ref -> ref.path("uid").asText()).anyMatch(ownerUid::equals)).toList();
    }

    @Override
    public List<ObjectNode> inNamespace(ResourceType type, String namespace) {
        return lister.apply(type).stream().filter(object -> namespace.equals(namespaceOf(object))).toList();
    }

    private static String namespaceOf(JsonNode object) {
        return object.path("metadata").path("namespace").asText("");
    }
}
