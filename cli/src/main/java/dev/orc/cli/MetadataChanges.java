package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes {@code orc label} and {@code orc annotate} make to one of an object's maps ({@code labels} or
 * {@code annotations}): {@code KEY=VALUE} sets, {@code KEY-} removes; the other arguments name the objects.
 */
record MetadataChanges(String field, Map<String, String> changes, List<String> objects) {
    MetadataChanges {
        changes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changes));
        objects = List.copyOf(objects);
    }

    static MetadataChanges parse(CommandLine cmd, String field, List<String> args) {
        Map<String, String> changes = new LinkedHashMap<>();
        List<String> objects = new ArrayList<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals >= 0) {
                if (equals == 0) {
                    throw new CommandLine.ParameterException(cmd, "\"" + arg + "\": a change needs a key, as KEY=VALUE");
                }
                put(cmd, changes, arg.substring(0, equals), arg.substring(equals + 1));
            } else if (arg.endsWith("-") && arg.length() > 1) {
                put(cmd, changes, arg.substring(0, arg.length() - 1), null);
            } else {
                objects.add(arg);
            }
        }
        if (objects.isEmpty()) {
            throw new CommandLine.ParameterException(cmd, "name the objects, as KIND NAME or KIND/NAME");
        }
        if (changes.isEmpty()) {
            throw new CommandLine.ParameterException(cmd, "give at least one change, as KEY=VALUE or KEY-");
        }
        return new MetadataChanges(field, changes, objects);
    }

    private static void put(CommandLine cmd, Map<String, String> changes, String key, String value) {
        if (changes.containsKey(key)) {
            throw new CommandLine.ParameterException(cmd, "\"" + key + "\" is changed twice");
        }
        changes.put(key, value);
    }

    /**
     * The merge patch that makes the changes on {@code live}, or empty when nothing would change; a key that has
     * another value already is refused unless {@code overwrite}.
     */
    java.util.Optional<ObjectNode> patch(JsonNode live, boolean overwrite) {
        JsonNode current = live.path("metadata").path(field);
        ObjectNode map = Json.object();
        for (Map.Entry<String, String> change : changes.entrySet()) {
            JsonNode old = current.get(change.getKey());
            if (change.getValue() == null) {
                if (old != null) {
                    map.putNull(change.getKey());
                }
            } else if (old == null || !old.asText().equals(change.getValue())) {
                if (old != null && !overwrite) {
                    throw new IllegalArgumentException("'" + change.getKey() + "' already has a value (" + old.asText()
                            + "), and --overwrite is false");
                }
                map.put(change.getKey(), change.getValue());
            }
        }
        if (map.isEmpty()) {
            return java.util.Optional.empty();
        }
        ObjectNode patch = Json.object();
        patch.putObject("metadata").set(field, map);
        return java.util.Optional.of(patch);
    }
}
