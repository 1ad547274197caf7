package dev.orc.api.spdy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The name/value pairs of a SYN_STREAM, SYN_REPLY or HEADERS frame; names are lower case, as SPDY/3 requires. */
public record SpdyHeaders(Map<String, List<String>> values) {
    public static final SpdyHeaders EMPTY = new SpdyHeaders(Map.of());

    public SpdyHeaders {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((name, list) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(list)));
        values = Collections.unmodifiableMap(copy);
    }

    /** Headers from name, value, name, value...; a name given twice gets both values. */
    public static SpdyHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name/value pairs, not " + namesAndValues.length
                    + " strings");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.computeIfAbsent(namesAndValues[i].toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(namesAndValues[i + 1]);
        }
        return new SpdyHeaders(values);
    }

    /** The first value of a header, whatever the case of {@code name}. */
    public Optional<String> first(String name) {
        List<String> list = values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        return list.isEmpty() ? Optional.empty() : Optional.of(list.getFirst());
    }
}
