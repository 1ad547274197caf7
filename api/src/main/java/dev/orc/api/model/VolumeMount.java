package dev.orc.api.model;

/** Mounts a pod volume (or one file or directory of it, with {@code subPath}) into a container. */
public record VolumeMount(String name, String mountPath, String subPath, Boolean readOnly, String mountPropagation) {
    public static VolumeMount of(String name, String mountPath) {
        return new VolumeMount(name, mountPath, null, null, null);
    }
}
