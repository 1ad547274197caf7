package dev.orc.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.function.BiFunction;

/**
 * One column of a kind's table, as a meta.k8s.io {@code TableColumnDefinition} describes it: its name as Kubernetes
 * spells it ({@code Nominated Node}; kubectl prints it upper-cased), its type, its priority (0 always shown, 1 only
 * with {@code -o wide}), and how a cell is read from an object at a given time.
 */
public record Column(String name, String type, String format, int priority, String description,
                     BiFunction<JsonNode, Instant, String> cell) {
    /** The type of a column whose cells are counts: the server sends them as JSON numbers. */
    public static final String INTEGER = "integer";

    public static Column of(String name, BiFunction<JsonNode, Instant, String> cell) {
        return new Column(name, "string", "", 0, "The " + name + " column of kubectl get.", cell);
    }

    static Column count(String name, BiFunction<JsonNode, Instant, String> cell) {
        return new Column(name, INTEGER, "", 0, "The " + name + " column of kubectl get.", cell);
    }

    static Column wide(String name, BiFunction<JsonNode, Instant, String> cell) {
        return new Column(name, "string", "", 1, "The " + name + " column of kubectl get.", cell);
    }

    static Column objectName() {
        return new Column("Name", "string", "name",
                0, "Name must be unique within a namespace. https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
                (o, now) -> o.path("metadata").path("name").asText(""));
    }

    static Column age() {
        return new Column("Age", "string", "", 0,
                "CreationTimestamp is a timestamp representing the server time when this object was created.",
                (o, now) -> Age.since(o.path("metadata").path("creationTimestamp").asText(null), now));
    }

    /** Only in {@code -o wide}. */
    public boolean wideOnly() {
        return priority > 0;
    }

    /** The header kubectl prints: the name upper-cased. */
    public String header() {
        return name.toUpperCase(java.util.Locale.ROOT);
    }

    /** The same column reading its cells with {@code cell}. */
    public Column withCell(BiFunction<JsonNode, Instant, String> cell) {
        return new Column(name, type, format, priority, description, cell);
    }

    public String cell(JsonNode object, Instant now) {
        return cell.apply(object, now);
    }
}
