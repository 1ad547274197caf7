package dev.orc.api.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code pod-template-hash} of a pod template, as Deployments name and label their ReplicaSets: a 32-bit
 * FNV-1a hash of the template (object keys in sorted order, so the same template always hashes the same) and of
 * the collision count, written in the consonant-and-digit alphabet Kubernetes uses so it never spells words.
 */
public final class PodTemplateHash {
    public static final String LABEL = "pod-template-hash";
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private PodTemplateHash() {
    }

    public static String of(JsonNode template, Integer collisionCount) {
        StringBuilder canonical = new StringBuilder();
        write(template, canonical);
        if (collisionCount != null) {
            canonical.append('#').append(collisionCount);
        }
        int hash = 0x811c9dc5;
        for (byte b : canonical.toString().getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        String decimal = Long.toString(Integer.toUnsignedLong(hash));
        StringBuilder encoded = new StringBuilder(decimal.length());
        for (char c : decimal.toCharArray()) {
            encoded.append(ALPHABET.charAt(c % ALPHABET.length()));
        }
        return encoded.toString();
    }

    /** Whether two templates are the same once their {@code pod-template-hash} labels are set aside. */
    public static boolean equalIgnoringHash(JsonNode a, JsonNode b) {
        return withoutHash(a).equals(withoutHash(b));
    }

    /** A copy of the template without the {@code pod-template-hash} label (and without labels, if that was the only one). */
    public static ObjectNode withoutHash(JsonNode template) {
        ObjectNode copy = template == null || !template.isObject() ? Json.object() : (ObjectNode) template.deepCopy();
        JsonNode labels = copy.path("metadata").path("labels");
        if (labels instanceof ObjectNode map) {
            map.remove(LABEL);
            if (map.isEmpty()) {
                ((ObjectNode) copy.get("metadata")).remove("labels");
            }
        }
        return copy;
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            out.append('{');
            for (String name : names) {
                out.append(Json.write(name)).append(':');
                write(node.get(name), out);
                out.append(',');
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (JsonNode item : node) {
                write(item, out);
                out.append(',');
            }
            out.append(']');
        } else {
            out.append(node);
        }
    }
}
