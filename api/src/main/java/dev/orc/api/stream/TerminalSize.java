package dev.orc.api.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;

/** A terminal's size as the resize channel carries it: {@code {"Width":80,"Height":24}}. */
public record TerminalSize(int width, int height) {
    public TerminalSize {
        if (width <= 0 || height <= 0 || width > 0xffff || height > 0xffff) {
            throw new IllegalArgumentException("a terminal size needs a width and height of 1 to 65535, not "
                    + width + "x" + height);
        }
    }

    public byte[] toJson() {
        return Json.bytes(Json.object().put("Width", width).put("Height", height));
    }

    public static TerminalSize parse(byte[] json) {
        JsonNode size;
        try {
            size = Json.parse(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a terminal size is JSON like {\"Width\":80,\"Height\":24}");
        }
        return new TerminalSize(size.path("Width").asInt(0), size.path("Height").asInt(0));
    }
}
