package dev.orc.api.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A URL query string built parameter by parameter; null and empty values are left out. */
final class Query {
    private final List<String> parts = new ArrayList<>();

    Query add(String name, String value) {
        if (value != null && !value.isEmpty()) {
            parts.add(encode(name) + "=" + encode(value));
        }
        return this;
    }

    Query addAll(Query other) {
        parts.addAll(other.parts);
        return this;
    }

    String appendTo(String path) {
        return parts.isEmpty() ? path : path + "?" + String.join("&", parts);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
