package dev.orc.reconciler.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import dev.orc.api.status.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque {@code continue} value of a paged list: the store revision the list reads at and the last key sent. */
record ContinueToken(long revision, String lastKey) {
    public String encode() {
        ObjectNode node = Json.object().put("rv", revision).put("start", lastKey);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(node));
    }

    public static ContinueToken decode(String text) {
        try {
            JsonNode node = Json.parse(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
            if (node.path("rv").canConvertToLong() && node.path("start").isTextual()) {
                return new ContinueToken(node.get("rv").asLong(), node.get("start").asText());
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ApiException.BadRequest("invalid value for continue: \"" + text + "\"");
    }
}
