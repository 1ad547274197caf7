package dev.orc.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.table.Column;
import dev.orc.api.table.Columns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns {@code orc get} prints: the kind's shared {@link Columns}, with what kubectl adds on the client
 * (NAMESPACE with {@code -A}, {@code kind/name} when several kinds are listed) and without the wide ones unless asked.
 */
public final class GetColumns {
    private GetColumns() {
    }

    public static List<Column> of(ResourceType type, boolean wide, boolean allNamespaces, boolean qualifiedNames) {
        List<Column> columns = new ArrayList<>();
        if (allNamespaces && type.namespaced()) {
            columns.add(Column.of("Namespace", (o, now) -> o.path("metadata").path("namespace").asText("")));
        }
        for (Column column : Columns.of(type)) {
            if (wide || !column.wideOnly()) {
                boolean qualify = qualifiedNames && "name".equals(column.format());
                columns.add(qualify ? column.withCell((o, now) -> type.qualifiedName() + "/" + column.cell(o, now)) : column);
            }
        }
        return List.copyOf(columns);
    }

    public static List<String> headers(List<Column> columns) {
        return columns.stream().map(Column::header).toList();
    }

    public static List<String> row(List<Column> columns, JsonNode object, Instant now) {
        return columns.stream().map(c -> c.cell(object, now)).toList();
    }
}
