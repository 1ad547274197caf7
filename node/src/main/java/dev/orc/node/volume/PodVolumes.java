package dev.orc.node.volume;

import dev.orc.node.config.ContainerConfigException;
import dev.orc.node.config.ConfigSource;
import dev.orc.api.model.ConfigMap;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Quantity;
import dev.orc.api.model.Secret;
import dev.orc.api.model.Volume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The volumes of the pods on a node, under the agent's data dir:
 * <ul>
 * <li>{@code pods/<uid>/volumes/<name>} for emptyDir (on disk, or a tmpfs of at most sizeLimit for
 * {@code medium: Memory}), configMap (files on disk) and secret (files on a tmpfs, never on disk);
 * all removed with the pod ({@link #remove});</li>
 * <li>{@code claims/<namespace>/<claim>} for persistentVolumeClaim: created on first use and kept
 * after the pod, so the next pod of that claim on this node finds the data; each claim is reported
 * once to {@code claimRecorder} (the agent labels its Node with it). The claim's uid is kept beside it
 * ({@code claims/<namespace>/.<claim>.uid}): the directory belongs to that claim only, so a claim deleted and made
 * again under the same name starts empty, and {@link #removeUnusedClaims} deletes the directory of a claim that
 * is gone once no pod of the node uses it;</li>
 * <li>hostPath: the node's own path, after its type check;</li>
 * <li>{@code pods/<uid>/serviceaccount} for the service-account files ({@link ServiceAccountVolume}).</li>
 * </ul>
 * A pod's {@code fsGroup} owns its emptyDir and claim volumes ({@link FsGroup}).
 * ConfigMap and Secret files are written atomically ({@link AtomicWriter}) and rewritten by
 * {@link #refresh} when their source changed.
 */
public final class PodVolumes {

    private static final int DEFAULT_MODE = 0644;
    private static final Logger LOG = LoggerFactory.getLogger(PodVolumes.class);

    private final Path pods;
    private final ClaimDirectories claimDirs;
    private final ConfigSource config;
    private final MemoryMounts memory;
    private final AtomicWriter writer;
    private final BiConsumer<String, String> claimRecorder;
    private final Set<String> recordedClaims = ConcurrentHashMap.newKeySet();
    private final Optional<ServiceAccountVolume> serviceAccounts;

    /** Without service-account files: for tests of the other volumes. */
    public PodVolumes(Path dataDir, ConfigSource config, MemoryMounts memory, Clock clock,
                      BiConsumer<String, String> claimRecorder) {
        this(dataDir, config, memory, clock, claimRecorder, Optional.empty());
    }

    /**
     * @param claimRecorder   told (namespace, claim) the first time this agent uses a claim's directory
     * @param serviceAccounts the service-account files of pods that mount them
     */
    public PodVolumes(Path dataDir, ConfigSource config, MemoryMounts memory, Clock clock,
                      BiConsumer<String, String> claimRecorder, Optional<ServiceAccountVolume> serviceAccounts) {
        Path root = dataDir.toAbsolutePath().normalize();
        this.pods = root.resolve("pods");
        this.claimDirs = new ClaimDirectories(root.resolve("claims"), config);
        this.config = config;
        this.memory = memory;
        this.writer = new AtomicWriter(clock);
        this.claimRecorder = claimRecorder;
        this.serviceAccounts = serviceAccounts;
    }

    /** The directory a claim's data lives in on this node. */
    public Path claimDir(String namespace, String claim) {
        return claimDirs.dir(namespace, claim);
    }

    public Path podDir(String uid) {
        return pods.resolve(uid);
    }

    /**
     * Sets up every volume of the pod (idempotent) and returns where each is on the node.
     *
     * @throws ContainerConfigException when a volume cannot be set up: a missing ConfigMap, Secret or key
     *                                  that is not optional, a failed hostPath check, a failed mount
     */
    public Map<String, PreparedVolume> prepare(Pod pod) {
        Map<String, PreparedVolume> prepared = new LinkedHashMap<>();
        for (Volume volume : pod.spec().volumes()) {
            try {
                prepared.put(volume.name(), prepare(pod, volume));
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new ContainerConfigException("volume " + volume.name() + ": " + e.getMessage());
            }
        }
        serviceAccounts.filter(files -> ServiceAccountVolume.mounts(pod)).ifPresent(files -> {
            Path dir = serviceAccountDir(pod.metadata().uid());
            try {
                files.write(pod, dir, writer);
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new ContainerConfigException("the service account's files: " + e.getMessage());
            }
            prepared.put(VolumeMounts.SERVICE_ACCOUNT, new PreparedVolume(dir, true, true));
        });
        return Map.copyOf(prepared);
    }

    private PreparedVolume prepare(Pod pod, Volume volume) {
        String uid = pod.metadata().uid();
        Path dir = podDir(uid).resolve("volumes").resolve(volume.name());
        if (volume.emptyDir() != null) {
            if ("Memory".equals(volume.emptyDir().medium())) {
                Quantity limit = volume.emptyDir().sizeLimit();
                memory.mount(dir, limit == null ? 0 : limit.value());
            }
            createWritable(dir);
            fsGroup(pod, dir);
            return new PreparedVolume(dir, false, false);
        }
        if (volume.hostPath() != null) {
            Path path = Path.of(volume.hostPath().path());
            HostPathCheck.check(volume.name(), path, volume.hostPath().type());
            return new PreparedVolume(path, false, false);
        }
        if (volume.persistentVolumeClaim() != null) {
            String claim = volume.persistentVolumeClaim().claimName();
            if (claim == null || !claim.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?") || claim.contains("..")) {
                throw new ContainerConfigException("volume " + volume.name() + ": claimName \"" + claim
                        + "\" is not a valid name");
            }
            String namespace = pod.metadata().namespace();
            String claimUid = config.persistentVolumeClaim(namespace, claim)
                    .map(c -> c.metadata().uid())
                    .orElseThrow(() -> new ContainerConfigException("persistentvolumeclaim \"" + claim + "\" not found"));
            Path claimDir = claimDirs.own(namespace, claim, claimUid);
            fsGroup(pod, claimDir);
            if (recordedClaims.add(pod.metadata().namespace() + "/" + claim)) {
                claimRecorder.accept(pod.metadata().namespace(), claim);
            }
            return new PreparedVolume(claimDir, Boolean.TRUE.equals(volume.persistentVolumeClaim().readOnly()), false);
        }
        if (volume.configMap() != null) {
            writer.write(dir, configMapFiles(pod, volume).orElse(Map.of()));
            return new PreparedVolume(dir, true, true);
        }
        if (volume.secret() != null) {
            memory.mount(dir, 0);
            writer.write(dir, secretFiles(pod, volume).orElse(Map.of()));
            return new PreparedVolume(dir, true, true);
        }
        throw new ContainerConfigException("volume " + volume.name()
                + ": no supported source (emptyDir, hostPath, configMap, secret, persistentVolumeClaim)");
    }

    /**
     * Rewrites the ConfigMap and Secret volumes of a running pod whose source changed. A source that
     * went missing leaves the files as they were, as in Kubernetes.
     */
    public void refresh(Pod pod) {
        Path accountDir = serviceAccountDir(pod.metadata().uid());
        serviceAccounts.filter(files -> Files.isDirectory(accountDir)).ifPresent(files -> {
            try {
                files.write(pod, accountDir, writer);
            } catch (RuntimeException e) {
                LOG.warn("renewing the service-account token of pod {}/{} failed: {}", pod.metadata().namespace(),
                        pod.metadata().name(), e.getMessage());
            }
        });
        for (Volume volume : pod.spec().volumes()) {
            Path dir = podDir(pod.metadata().uid()).resolve("volumes").resolve(volume.name());
            if ((volume.configMap() == null && volume.secret() == null) || !Files.isDirectory(dir)) {
                continue;
            }
            try {
                Optional<Map<String, ProjectedFile>> files = volume.configMap() != null
                        ? configMapFiles(pod, volume) : secretFiles(pod, volume);
                files.ifPresent(f -> writer.write(dir, f));
            } catch (ContainerConfigException e) {
                // a key went missing: keep what the pod has, as the kubelet does
            } catch (RuntimeException e) {
                LOG.warn("refreshing volume {} of pod {}/{} failed: {}", volume.name(), pod.metadata().namespace(),
                        pod.metadata().name(), e.getMessage());
            }
        }
    }

    /**
     * Deletes the directories of claims that are gone (no claim of that name, or one with another uid) and that no
     * pod of {@code pods} names.
     */
    public void removeUnusedClaims(Collection<Pod> pods) {
        claimDirs.removeUnused(pods).forEach(recordedClaims::remove);
    }

    /** The uids of the pods that have a directory here (some may have no containers left, after a crash). */
    public Set<String> podUids() {
        if (!Files.isDirectory(pods)) {
            return Set.of();
        }
        try (var entries = Files.list(pods)) {
            return entries.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + pods + ": " + e.getMessage(), e);
        }
    }

    /** Unmounts and deletes everything of the pod under the data dir; claim directories stay. */
    public void remove(String uid) {
        serviceAccounts.ifPresent(files -> files.forget(uid));
        Path dir = podDir(uid);
        memory.unmountAll(dir);
        try {
            Trees.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the volumes of pod " + uid + ": " + e.getMessage(), e);
        }
    }

    private Path serviceAccountDir(String uid) {
        return podDir(uid).resolve("serviceaccount");
    }

    /** The files of a configMap volume; empty when the ConfigMap is missing and optional. */
    private Optional<Map<String, ProjectedFile>> configMapFiles(Pod pod, Volume volume) {
        Volume.ConfigMapSource source = volume.configMap();
        Optional<ConfigMap> map = config.configMap(pod.metadata().namespace(), source.name());
        boolean optional = Boolean.TRUE.equals(source.optional());
        if (map.isEmpty()) {
            if (optional) {
                return Optional.empty();
            }
            throw new ContainerConfigException("configmap \"" + source.name() + "\" not found");
        }
        Map<String, byte[]> values = new LinkedHashMap<>();
        map.get().data().keySet().forEach(k -> values.put(k, ConfigSource.bytes(map.get(), k).orElseThrow()));
        map.get().binaryData().keySet().forEach(k -> values.putIfAbsent(k, ConfigSource.bytes(map.get(), k).orElseThrow()));
        return Optional.of(Projection.files(volume.name(), "configmap", values, source.items(),
                mode(source.defaultMode()), optional));
    }

    private Optional<Map<String, ProjectedFile>> secretFiles(Pod pod, Volume volume) {
        Volume.SecretSource source = volume.secret();
        Optional<Secret> secret = config.secret(pod.metadata().namespace(), source.secretName());
        boolean optional = Boolean.TRUE.equals(source.optional());
        if (secret.isEmpty()) {
            if (optional) {
                return Optional.empty();
            }
            throw new ContainerConfigException("secret \"" + source.secretName() + "\" not found");
        }
        Map<String, byte[]> values = new LinkedHashMap<>();
        secret.get().data().keySet().forEach(k -> values.put(k, secret.get().value(k).orElseThrow()));
        secret.get().stringData().keySet().forEach(k -> values.put(k, secret.get().value(k).orElseThrow()));
        return Optional.of(Projection.files(volume.name(), "secret", values, source.items(),
                mode(source.defaultMode()), optional));
    }

    /** A volume the pod writes (emptyDir, claim) belongs to its fsGroup, if it names one. */
    private static void fsGroup(Pod pod, Path dir) {
        Long gid = pod.spec().securityContextOrEmpty().fsGroup();
        if (gid != null) {
            FsGroup.apply(dir, gid);
        }
    }

    private static int mode(Integer mode) {
        return mode == null ? DEFAULT_MODE : mode;
    }

    static void createWritable(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
