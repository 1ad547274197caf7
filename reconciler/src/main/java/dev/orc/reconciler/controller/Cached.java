package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.KubeObject;

/**
 * An object as a cache holds it: the typed view to read, and the stored JSON to base writes on, so that fields
 * the view does not model survive a controller's update.
 */
public record Cached<T extends KubeObject>(T view, ObjectNode raw) {

    public static <T extends KubeObject> Cached<T> of(ObjectNode raw, Class<T> type) {
        return new Cached<>(Json.convert(raw, type), raw);
    }

    public static <T extends KubeObject> Cached<T> of(T view) {
        return new Cached<>(view, (ObjectNode) Json.tree(view));
    }

    public String name() {
        return view.name();
    }

    public String uid() {
        return view.metadata().uid();
    }

    /** A copy of the stored JSON to change and write back. */
    public ObjectNode copy() {
        return raw.deepCopy();
    }
}
