package dev.orc.reconciler.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The lists of objects Kubernetes merges item by item (containers, env, volumes, ports, ...) and the field that
 * identifies an item of each; every other list is atomic, replaced whole. Strategic merge patch and server-side
 * apply share them.
 */
final class ListKeys {
    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("containers", "name"), Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"), Map.entry("volumes", "name"), Map.entry("env", "name"),
            Map.entry("volumeMounts", "mountPath"), Map.entry("volumeDevices", "devicePath"),
            Map.entry("imagePullSecrets", "name"), Map.entry("conditions", "type"), Map.entry("ownerReferences", "uid"),
            Map.entry("hostAliases", "ip"), Map.entry("ports", "port"));

    private ListKeys() {
    }

    /** Whether a list under {@code field} may merge by item. */
    static boolean merges(String field) {
        return KEYS.containsKey(field);
    }

    /** The item key of the list {@code items} under {@code field}, or {@code null} when its items are not all objects carrying it. */
    static String key(String field, Iterable<JsonNode> items) {
        String key = KEYS.get(field);
        if (key == null) {
            return null;
        }
        java.util.Iterator<JsonNode> first = items.iterator();
        if (field.equals("ports") && first.hasNext() && first.next().has("containerPort")) {
            key = "containerPort";
        }
        for (JsonNode item : items) {
            if (!item.isObject() || !item.hasNonNull(key)) {
                return null;
            }
        }
        return key;
    }
}
