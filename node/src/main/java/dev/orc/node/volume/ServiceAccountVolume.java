package dev.orc.node.volume;

import dev.orc.api.model.Pod;
import dev.orc.node.cluster.PodToken;
import dev.orc.node.config.ContainerConfigException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The service-account files of a pod, as the kubelet projects them at {@link #MOUNT_PATH}: {@code token} (a token of
 * the pod's service account bound to the pod, asked for through a TokenRequest and renewed once 80% of its
 * {@link #LIFETIME} has passed), {@code ca.crt} (the cluster CA the API server's certificate chains to) and
 * {@code namespace}. Read-only in every container; left out when the pod says
 * {@code automountServiceAccountToken: false} (admission writes an account's {@code false} on its pods). The files are
 * kept in the pod's directory of the agent's data directory, not on a tmpfs as Secret volumes are: a tmpfs would
 * outlive an agent that stops while its pods run, and the token is bound to the pod and lives an hour.
 */
public final class ServiceAccountVolume {
    public static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
    /** The token's lifetime asked for, as the kubelet asks (Kubernetes' default expirationSeconds). */
    public static final Duration LIFETIME = Duration.ofHours(1);
    private static final int FILE_MODE = 0644;

    private final BiFunction<Pod, Duration, PodToken> tokens;
    private final byte[] caCertificate;
    private final Clock clock;
    private final Map<String, PodToken> written = new ConcurrentHashMap<>();

    /**
     * @param tokens        asks for a token of a pod's service account for a lifetime
     * @param caCertificate the PEM of the cluster CA (empty when the agent speaks plain HTTP to the server)
     */
    public ServiceAccountVolume(BiFunction<Pod, Duration, PodToken> tokens, byte[] caCertificate, Clock clock) {
        this.tokens = tokens;
        this.caCertificate = caCertificate.clone();
        this.clock = clock;
    }

    /** Whether the pod gets the files: unless it says {@code automountServiceAccountToken: false}. */
    public static boolean mounts(Pod pod) {
        return !Boolean.FALSE.equals(pod.spec().automountServiceAccountToken());
    }

    /** Writes the files into {@code dir} unless they are there with a token not yet due for renewal. */
    void write(Pod pod, Path dir, AtomicWriter writer) {
        PodToken current = written.get(pod.metadata().uid());
        if (current != null && !dueForRenewal(current) && Files.isRegularFile(dir.resolve("token"))) {
            return;
        }
        PodToken token;
        try {
            token = tokens.apply(pod, LIFETIME);
        } catch (RuntimeException e) {
            throw new ContainerConfigException("the token of service account " + account(pod) + ": " + e.getMessage());
        }
        Map<String, ProjectedFile> files = new LinkedHashMap<>();
        files.put("token", new ProjectedFile(token.token().getBytes(StandardCharsets.UTF_8), FILE_MODE));
        files.put("ca.crt", new ProjectedFile(caCertificate, FILE_MODE));
        files.put("namespace", new ProjectedFile(pod.metadata().namespace().getBytes(StandardCharsets.UTF_8), FILE_MODE));
        writer.write(dir, files);
        written.put(pod.metadata().uid(), token);
    }

    /** The token written for the pod of {@code uid}, if any. */
    Optional<PodToken> written(String uid) {
        return Optional.ofNullable(written.get(uid));
    }

    void forget(String uid) {
        written.remove(uid);
    }

    private boolean dueForRenewal(PodToken token) {
        return !clock.instant().isBefore(token.expires().minus(LIFETIME.dividedBy(5)));
    }

    private static String account(Pod pod) {
        String name = pod.spec().serviceAccountName();
        return pod.metadata().namespace() + "/" + (name == null ? "default" : name);
    }
}
