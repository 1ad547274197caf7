package dev.orc.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;

import java.time.Instant;
import java.util.List;

/**
 * A meta.k8s.io {@code Table} of objects of one kind, as kube-apiserver answers {@code kubectl get}: the kind's
 * {@link Columns} as column definitions, one row of cells per object, and with each row the object itself, its
 * metadata only ({@code PartialObjectMetadata}, the default), or nothing, as {@code includeObject} says.
 */
public final class TableRenderer {
    /** The {@code includeObject} query parameter's values. */
    public enum Include {
        NONE, METADATA, OBJECT;

        /** {@code None}, {@code Metadata} (also when absent) or {@code Object}; anything else is refused. */
        public static Include parse(String value) {
            if (value == null || value.isEmpty()) {
                return METADATA;
            }
            return switch (value) {
                case "None" -> NONE;
                case "Metadata" -> METADATA;
                case "Object" -> OBJECT;
                default -> throw new IllegalArgumentException("includeObject must be None, Metadata or Object, got \""
                        + value + "\"");
            };
        }
    }

    private final ResourceType type;
    private final TableFormat format;
    private final Include include;

    public TableRenderer(ResourceType type, TableFormat format, Include include) {
        this.type = type;
        this.format = format;
        this.include = include;
    }

    /** The Table of a list's items, keeping the list's resourceVersion and continue token. */
    public ObjectNode list(JsonNode list, Instant now) {
        ObjectNode table = header();
        JsonNode meta = list.path("metadata");
        ObjectNode tableMeta = table.putObject("metadata");
        for (String field : List.of("resourceVersion", "continue", "remainingItemCount")) {
            if (meta.hasNonNull(field)) {
                tableMeta.set(field, meta.get(field));
            }
        }
        ArrayNode rows = table.putArray("rows");
        list.path("items").forEach(item -> rows.add(row(item, now)));
        return table;
    }

    /** The Table of one object. */
    public ObjectNode object(JsonNode object, Instant now) {
        ObjectNode table = header();
        ObjectNode tableMeta = table.putObject("metadata");
        if (object.path("metadata").hasNonNull("resourceVersion")) {
            tableMeta.set("resourceVersion", object.path("metadata").get("resourceVersion"));
        }
        table.putArray("rows").add(row(object, now));
        return table;
    }

    private ObjectNode header() {
        ObjectNode table = Json.object();
        table.put("kind", "Table");
        table.put("apiVersion", format.apiVersion());
        ArrayNode definitions = table.putArray("columnDefinitions");
        for (Column column : Columns.of(type)) {
            definitions.addObject()
                    .put("name", column.name())
                    .put("type", column.type())
                    .put("format", column.format())
                    .put("description", column.description())
                    .put("priority", column.priority());
        }
        return table;
    }

    private ObjectNode row(JsonNode object, Instant now) {
        ObjectNode row = Json.object();
        ArrayNode cells = row.putArray("cells");
        for (Column column : Columns.of(type)) {
            String cell = column.cell(object, now);
            if (column.type().equals(Column.INTEGER) && cell.matches("-?\\d{1,18}")) {
                cells.add(Long.parseLong(cell));
            } else {
                cells.add(cell);
            }
        }
        switch (include) {
            case NONE -> { }
            case METADATA -> row.putObject("object")
                    .put("kind", "PartialObjectMetadata")
                    .put("apiVersion", format.apiVersion())
                    .set("metadata", object.path("metadata").deepCopy());
            case OBJECT -> {
                ObjectNode full = Json.object();
                full.put("apiVersion", type.apiVersion());
                full.put("kind", type.kind());
                object.properties().forEach(e -> full.set(e.getKey(), e.getValue()));
                row.set("object", full);
            }
        }
        return row;
    }

}
