package dev.orc.api.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A request's query parameters, built parameter by parameter; null and empty values are left out. */
public final class Query {
    private record Parameter(String name, String value) {
    }

    private final List<Parameter> parameters = new ArrayList<>();

    Query add(String name, String value) {
        if (value != null && !value.isEmpty()) {
            parameters.add(new Parameter(name, value));
        }
        return this;
    }

    Query addAll(Query other) {
        parameters.addAll(other.parameters);
        return this;
    }

    /** The parameters by name, each with its values in the order they were added. */
    public Map<String, List<String>> byName() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        parameters.forEach(p -> result.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p.value()));
        result.replaceAll((name, values) -> List.copyOf(values));
        return result;
    }

    /** {@code path} with this query appended as a URL would carry it. */
    public String appendTo(String path) {
        if (parameters.isEmpty()) {
            return path;
        }
        return path + "?" + parameters.stream().map(p -> encode(p.name()) + "=" + encode(p.value()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
