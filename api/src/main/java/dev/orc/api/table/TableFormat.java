package dev.orc.api.table;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a client asked the server to answer a get or list with, from its {@code Accept} header: the object as stored
 * (JSON), or a meta.k8s.io {@code Table} of a version orc serves ({@code v1}, {@code v1beta1}). The media ranges are
 * taken in the order written, as kubectl writes its preference first
 * ({@code application/json;as=Table;v=v1;g=meta.k8s.io,application/json}).
 */
public record TableFormat(String apiVersion) {
    private static final List<String> VERSIONS = List.of("v1", "v1beta1");

    /** The Table the header asks for first, or empty when it asks for plain JSON first (or says nothing). */
    public static Optional<TableFormat> fromAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.empty();
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String media = parts[0].trim().toLowerCase(Locale.ROOT);
            if (!media.equals("application/json") && !media.equals("application/*") && !media.equals("*/*")) {
                continue;
            }
            String as = null;
            String version = null;
            String group = null;
            for (int i = 1; i < parts.length; i++) {
                String[] pair = parts[i].trim().split("=", 2);
                String value = pair.length == 2 ? pair[1].trim() : "";
                switch (pair[0].trim().toLowerCase(Locale.ROOT)) {
                    case "as" -> as = value;
                    case "v" -> version = value;
                    case "g" -> group = value;
                    default -> { }
                }
            }
            if (as == null) {
                return Optional.empty();
            }
            if (as.equals("Table") && "meta.k8s.io".equals(group) && VERSIONS.contains(version)) {
                return Optional.of(new TableFormat("meta.k8s.io/" + version));
            }
        }
        return Optional.empty();
    }
}
