package dev.orc.api.manifest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each field of one document was written, keyed by its path in Kubernetes notation
 * ({@code spec.template.spec.containers[0].image}; the empty path is the document itself).
 */
public final class SourceMap {
    private final Map<String, Position> positions;

    public SourceMap(Map<String, Position> positions) {
        this.positions = Map.copyOf(positions);
    }

    public static SourceMap empty() {
        return new SourceMap(Map.of());
    }

    /** The position of the path, or of its nearest written ancestor when the path itself is absent. */
    public Position locate(String path) {
        String current = path;
        while (true) {
            Position found = positions.get(current);
            if (found != null) {
                return found;
            }
            if (current.isEmpty()) {
                return Position.START;
            }
            current = parent(current);
        }
    }

    /** The positions under {@code prefix} re-keyed relative to it (for the items of a {@code List}). */
    public SourceMap subtree(String prefix) {
        Map<String, Position> result = new LinkedHashMap<>();
        positions.forEach((path, position) -> {
            if (path.equals(prefix)) {
                result.put("", position);
            } else if (path.startsWith(prefix + ".")) {
                result.put(path.substring(prefix.length() + 1), position);
            }
        });
        return new SourceMap(result);
    }

    static String parent(String path) {
        int end = path.length();
        if (path.endsWith("]")) {
            return path.substring(0, path.lastIndexOf('['));
        }
        int dot = path.lastIndexOf('.', end - 1);
        return dot < 0 ? "" : path.substring(0, dot);
    }
}
