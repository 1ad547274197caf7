package dev.orc.api.model;

import java.util.List;

/** A pod volume; exactly one source is set. */
public record Volume(String name, EmptyDir emptyDir, HostPath hostPath, ConfigMapSource configMap,
                     SecretSource secret, ClaimSource persistentVolumeClaim) {

    public static Volume emptyDir(String name) {
        return new Volume(name, new EmptyDir(null, null), null, null, null, null);
    }

    /** Scratch space living as long as the pod; {@code medium: Memory} puts it on tmpfs. */
    public record EmptyDir(String medium, Quantity sizeLimit) {
    }

    /** A path of the node; {@code type} (Directory, DirectoryOrCreate, File, FileOrCreate, Socket...) checks it. */
    public record HostPath(String path, String type) {
    }

    /** A ConfigMap's keys as files; {@code items} selects keys and names their files. */
    public record ConfigMapSource(String name, @OmitEmpty List<KeyToPath> items, Integer defaultMode, Boolean optional) {
        public ConfigMapSource {
            items = Immutable.list(items);
        }
    }

    /** A Secret's keys as files (kept off disk on the node). */
    public record SecretSource(String secretName, @OmitEmpty List<KeyToPath> items, Integer defaultMode, Boolean optional) {
        public SecretSource {
            items = Immutable.list(items);
        }
    }

    /** A PersistentVolumeClaim; in orc, a node-local directory that outlives the pod. */
    public record ClaimSource(String claimName, Boolean readOnly) {
    }

    /** One key projected to a file at {@code path}, with an optional file mode. */
    public record KeyToPath(String key, String path, Integer mode) {
    }
}
