package dev.orc.node.runtime;

import java.util.Objects;

/** A filesystem mounted into a container. */
public sealed interface Mount {

    String containerPath();

    /** A host directory or file mounted at a path in the container. */
    record Bind(String hostPath, String containerPath, boolean readOnly) implements Mount {
        public Bind {
            requireAbsolute("hostPath", hostPath);
            requireAbsolute("containerPath", containerPath);
        }
    }

    /** An in-memory filesystem of at most sizeBytes (0: the engine's default size). */
    record Tmpfs(String containerPath, long sizeBytes) implements Mount {
        public Tmpfs {
            requireAbsolute("containerPath", containerPath);
            if (sizeBytes < 0) {
                throw new IllegalArgumentException("tmpfs size must not be negative, got " + sizeBytes);
            }
        }
    }

    private static void requireAbsolute(String field, String path) {
        Objects.requireNonNull(path, field);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException(field + " must be an absolute path, got '" + path + "'");
        }
    }
}
