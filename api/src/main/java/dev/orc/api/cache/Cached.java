package dev.orc.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.KubeObject;

/**
 * One version of an object as a cache holds it, immutable and shared by every reader: the typed view to read
 * ({@link #view()}, a record of {@code dev.orc.api.model}, converted at most once), and the stored JSON, which
 * no reader can reach to change: a write starts from {@link #copy()}, so fields the view does not model survive
 * a controller's update.
 */
public final class Cached<T extends KubeObject> {
    private final ObjectNode raw;
    private final Class<T> type;
    private final ObjectKey key;
    /** Converted on first read, so a kind nobody reads typed costs nothing, and a bad object fails its reader. */
    private volatile T view;

    private Cached(ObjectNode raw, Class<T> type) {
        this.raw = raw;
        this.type = type;
        this.key = ObjectKey.of(raw);
    }

    /** A cached value of a copy of {@code object}, which the caller may go on changing. */
    public static <T extends KubeObject> Cached<T> of(ObjectNode object, Class<T> type) {
        return new Cached<>(object.deepCopy(), type);
    }

    /** Takes {@code object} over without a copy: its giver (an informer's source) never touches it again. */
    static <T extends KubeObject> Cached<T> owning(ObjectNode object, Class<T> type) {
        return new Cached<>(object, type);
    }

    /** The typed view; every reader of this version gets the same instance. */
    public T view() {
        T current = view;
        if (current == null) {
            synchronized (this) {
                current = view;
                if (current == null) {
                    current = Json.convert(raw, type);
                    view = current;
                }
            }
        }
        return current;
    }

    public ObjectKey key() {
        return key;
    }

    public String namespace() {
        return key.namespace();
    }

    public String name() {
        return key.name();
    }

    public String uid() {
        return text("/metadata/uid");
    }

    public String resourceVersion() {
        return text("/metadata/resourceVersion");
    }

    /** The scalar at {@code pointer} (a JSON pointer such as {@code /spec/nodeName}) as text; empty when absent. */
    public String text(String pointer) {
        return raw.at(pointer).asText("");
    }

    /** A copy of the JSON at {@code pointer}, for a reader that needs a part the view does not model. */
    public JsonNode at(String pointer) {
        return raw.at(pointer).deepCopy();
    }

    /** A copy of the stored JSON to change and write back. */
    public ObjectNode copy() {
        return raw.deepCopy();
    }

    /** Whether {@code other} holds the same JSON, as a re-list compares what it found with what it had. */
    public boolean sameContent(Cached<?> other) {
        return raw.equals(other.raw);
    }

    @Override
    public String toString() {
        return type.getSimpleName() + " " + key + "@" + resourceVersion();
    }
}
