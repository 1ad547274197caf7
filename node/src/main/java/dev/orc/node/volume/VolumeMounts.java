package dev.orc.node.volume;

import dev.orc.node.config.ContainerConfigException;
import dev.orc.api.model.Container;
import dev.orc.api.model.VolumeMount;
import dev.orc.node.runtime.Mount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A container's {@code volumeMounts} as bind mounts of the prepared volumes, and the pod's service-account files. A
 * {@code subPath} binds
 * one entry of the volume (created as a directory when missing in a writable volume), resolved through its symlinks
 * and refused when that leads out of the volume; in a ConfigMap or Secret volume the entry is so resolved once, so
 * it keeps its content when the source changes.
 */
public final class VolumeMounts {
    /**
     * The key of the service-account files among a pod's prepared volumes: no volume can be named so (volume names
     * are DNS labels), and every container gets them at {@link ServiceAccountVolume#MOUNT_PATH}, read-only, unless it
     * mounts something else there, as the kubelet does.
     */
    public static final String SERVICE_ACCOUNT = "/serviceaccount";

    private VolumeMounts() {
    }

    public static List<Mount> of(Container container, Map<String, PreparedVolume> volumes) {
        List<Mount> mounts = new ArrayList<>();
        for (VolumeMount mount : container.volumeMounts()) {
            PreparedVolume volume = volumes.get(mount.name());
            if (volume == null) {
                throw new ContainerConfigException("container " + container.name() + ": volumeMount "
                        + mount.name() + " names no volume of the pod");
            }
            Path source = volume.hostPath();
            if (mount.subPath() != null && !mount.subPath().isEmpty()) {
                source = subPath(mount.name(), volume, mount.subPath());
            }
            boolean readOnly = volume.readOnly() || Boolean.TRUE.equals(mount.readOnly());
            mounts.add(new Mount.Bind(source.toString(), mount.mountPath(), readOnly));
        }
        PreparedVolume account = volumes.get(SERVICE_ACCOUNT);
        boolean taken = container.volumeMounts().stream()
                .anyMatch(mount -> ServiceAccountVolume.MOUNT_PATH.equals(mount.mountPath()));
        if (account != null && !taken) {
            mounts.add(new Mount.Bind(account.hostPath().toString(), ServiceAccountVolume.MOUNT_PATH, true));
        }
        return List.copyOf(mounts);
    }

    /**
     * The entry {@code subPath} names in the volume, resolved through its symlinks, which must not lead out of the
     * volume (CVE-2017-1002101: a container writes a link, a later mount of it would bind what it points at). A missing
     * entry of a writable volume is made as a directory, under the resolved part only.
     */
    private static Path subPath(String volumeName, PreparedVolume volume, String subPath) {
        try {
            Path root = volume.hostPath().toRealPath();
            Path path = root.resolve(Projection.checkedPath(volumeName, subPath));
            if (volume.projected() && !Files.exists(path)) {
                throw new ContainerConfigException("volume " + volumeName + " has no file \"" + subPath + "\"");
            }
            Path existing = path;
            while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            Path target = inside(root, existing.toRealPath(), volumeName, subPath).resolve(existing.relativize(path));
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(target);
            }
            return inside(root, target.toRealPath(), volumeName, subPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare subPath " + subPath + " of volume " + volumeName + ": "
                    + e.getMessage(), e);
        }
    }

    private static Path inside(Path root, Path real, String volumeName, String subPath) {
        if (!real.startsWith(root)) {
            throw new ContainerConfigException("volume " + volumeName + ": subPath \"" + subPath
                    + "\" leads out of the volume (through a symlink to " + real + ")");
        }
        return real;
    }
}
