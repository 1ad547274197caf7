package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.cli.output.Table;

import java.util.ArrayList;
import java.util.List;

/** How a GitSource's status reads in {@code orc sync} and {@code orc sync status}: fields, then the per-object table. */
final class SyncReport {
    private SyncReport() {
    }

    private static final int LABEL_WIDTH = "Waiting for:".length();

    /** {@code Field:  value} lines, values aligned in one column whichever fields a source has. */
    static List<String> fields(List<List<String>> rows) {
        int width = Math.max(LABEL_WIDTH, rows.stream().mapToInt(r -> r.get(0).length()).max().orElse(0)) + 2;
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            lines.add(row.get(0) + " ".repeat(width - row.get(0).length()) + row.get(1));
        }
        return lines;
    }

    /** KIND NAME ACTION RESULT (and MESSAGE when an object has one) of the last sync; empty when it touched nothing. */
    static List<String> objects(JsonNode status) {
        JsonNode objects = status.path("objects");
        if (objects.isEmpty()) {
            return List.of();
        }
        boolean messages = false;
        for (JsonNode object : objects) {
            messages |= !object.path("message").asText("").isEmpty();
        }
        Table table = new Table();
        List<String> header = new ArrayList<>(List.of("KIND", "NAME", "ACTION", "RESULT"));
        if (messages) {
            header.add("MESSAGE");
        }
        table.add(header);
        for (JsonNode object : objects) {
            String namespace = object.path("namespace").asText("");
            String name = object.path("name").asText();
            List<String> row = new ArrayList<>(List.of(object.path("kind").asText(),
                    namespace.isEmpty() ? name : namespace + "/" + name,
                    object.path("action").asText(""), object.path("result").asText("")));
            if (messages) {
                row.add(object.path("message").asText(""));
            }
            table.add(row);
        }
        return table.lines();
    }
}
