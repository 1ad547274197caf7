package dev.orc.api.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One HTTP/1.1 answer read whole: its status, its headers (names in lower case) and its body. */
record Http1Response(int statusCode, Map<String, List<String>> headers, byte[] body) {
    Http1Response {
        headers = Map.copyOf(headers);
    }

    /** Every value of header {@code name}, in the order sent. */
    List<String> allValues(String name) {
        return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
    }

    Optional<String> firstValue(String name) {
        return allValues(name).stream().findFirst();
    }
}
