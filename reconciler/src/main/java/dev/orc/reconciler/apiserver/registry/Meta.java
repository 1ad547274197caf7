package dev.orc.reconciler.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.reconciler.store.KeyValue;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Reading and writing the {@code metadata} of an object tree, and the object's stored form. */
public final class Meta {
    private Meta() {
    }

    /** The object's metadata, created empty when missing (or not an object). */
    public static ObjectNode metadata(ObjectNode object) {
        JsonNode meta = object.get("metadata");
        if (meta instanceof ObjectNode m) {
            return m;
        }
        return object.putObject("metadata");
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public static String name(ObjectNode object) {
        return text(object.get("metadata"), "name");
    }

    public static String namespace(ObjectNode object) {
        return text(object.get("metadata"), "namespace");
    }

    public static String uid(ObjectNode object) {
        return text(object.get("metadata"), "uid");
    }

    public static boolean hasFinalizers(ObjectNode object) {
        JsonNode finalizers = metadata(object).get("finalizers");
        return finalizers instanceof ArrayNode list && !list.isEmpty();
    }

    public static boolean terminating(ObjectNode object) {
        return text(object.get("metadata"), "deletionTimestamp") != null;
    }

    /** RFC 3339 in UTC with seconds precision, as Kubernetes writes timestamps. */
    public static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The object as the store returned it, with {@code metadata.resourceVersion} = the key's modRevision. */
    public static ObjectNode decode(KeyValue kv) {
        return decode(kv.value(), kv.modRevision());
    }

    public static ObjectNode decode(byte[] value, long revision) {
        ObjectNode object = (ObjectNode) Json.parse(value);
        metadata(object).put("resourceVersion", Long.toString(revision));
        return object;
    }

    /**
     * The bytes to store: the object without its resourceVersion, which the store's revision supplies. Only the
     * two top levels are copied to leave the resourceVersion out; {@code object} itself is not changed.
     */
    public static byte[] encode(ObjectNode object) {
        if (!(object.get("metadata") instanceof ObjectNode meta) || !meta.has("resourceVersion")) {
            return Json.bytes(object);
        }
        ObjectNode metaCopy = Json.object().setAll(meta);
        metaCopy.remove("resourceVersion");
        ObjectNode copy = Json.object().setAll(object);
        copy.set("metadata", metaCopy);
        return Json.bytes(copy);
    }
}
