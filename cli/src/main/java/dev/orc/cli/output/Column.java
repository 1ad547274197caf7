package dev.orc.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.function.BiFunction;

/** One column of {@code orc get}: its header and how a cell is read from an object at a given time. */
public record Column(String header, boolean wideOnly, BiFunction<JsonNode, Instant, String> cell) {
    static Column of(String header, BiFunction<JsonNode, Instant, String> cell) {
        return new Column(header, false, cell);
    }

    static Column wide(String header, BiFunction<JsonNode, Instant, String> cell) {
        return new Column(header, true, cell);
    }

    static Column age() {
        return of("AGE", (o, now) -> Age.since(o.path("metadata").path("creationTimestamp").asText(null), now));
    }
}
