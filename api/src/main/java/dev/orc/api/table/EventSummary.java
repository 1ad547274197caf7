package dev.orc.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/** When an event was last seen and what it is about, as {@code kubectl get events} shows them. */
public final class EventSummary {
    private EventSummary() {
    }

    /** lastTimestamp, else eventTime, else firstTimestamp, else creationTimestamp; null when none. */
    public static String lastSeen(JsonNode event) {
        for (String pointer : new String[] {"/lastTimestamp", "/eventTime", "/firstTimestamp", "/metadata/creationTimestamp"}) {
            JsonNode value = event.at(pointer);
            if (value.isTextual() && !value.asText().isEmpty()) {
                return value.asText();
            }
        }
        return null;
    }

    /** {@code pod/web-1}. */
    public static String object(JsonNode event) {
        JsonNode involved = event.path("involvedObject");
        return involved.path("kind").asText("").toLowerCase(Locale.ROOT) + "/" + involved.path("name").asText("");
    }
}
