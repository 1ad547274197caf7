package dev.orc.node.pod;

import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerState;
import dev.orc.node.config.ContainerConfigException;
import dev.orc.node.runtime.ContainerConflictException;
import dev.orc.node.runtime.ContainerNotFoundException;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.ContainerSpec;
import dev.orc.node.runtime.ImageInfo;
import dev.orc.node.runtime.ImagePullException;
import dev.orc.node.runtime.ImageRef;
import dev.orc.node.runtime.PullPolicy;

import java.util.Map;
import java.util.Optional;

/**
 * Creates a pod's containers in the runtime: the image made sure of per the container's pull policy, a restart
 * counted toward the container's CrashLoopBackOff, its {@link ContainerSecurity} applied (with the image's user where
 * that is needed), a failure turned into the container's waiting reason (ErrImagePull, CreateContainerConfigError,
 * CreateContainerError) for {@link PodExecutor}.
 */
final class ContainerCreates {

    private final ContainerRuntime runtime;
    private final KeyedBackoff crashBackoff;
    private final KeyedBackoff pullBackoff;

    ContainerCreates(ContainerRuntime runtime, KeyedBackoff crashBackoff, KeyedBackoff pullBackoff) {
        this.runtime = runtime;
        this.crashBackoff = crashBackoff;
        this.pullBackoff = pullBackoff;
    }

    /**
     * Creates attempt {@code restartCount} of a container, a restart counting toward its back-off; empty when the
     * create failed. The image is pulled first under pull policy Always, and looked at first when the security
     * settings need its user; else it is made sure of only when a create fails, and the create tried once more: an
     * image that is there, the usual case, costs no look-up per container.
     */
    Optional<String> create(ContainerSpec unsecured, ContainerSecurity security, String key, int restartCount,
                            Container container, Map<String, ContainerState.Waiting> waiting) {
        boolean pullFirst = pullPolicy(container) == PullPolicy.ALWAYS;
        Optional<ImageInfo> image = Optional.empty();
        if (pullFirst || security.needsImageUser()) {
            image = pulled(container, key, waiting);
            if (image.isEmpty()) {
                return Optional.empty();
            }
        }
        ContainerSpec spec;
        try {
            spec = unsecured.toBuilder().security(security.runtime(image.map(ImageInfo::user).orElse(""))).build();
        } catch (ContainerConfigException e) {
            waiting.put(container.name(), new ContainerState.Waiting("CreateContainerConfigError", e.getMessage()));
            return Optional.empty();
        }
        if (restartCount > 0) {
            crashBackoff.recordAttempt(key);
        }
        try {
            return Optional.of(createReplacing(spec));
        } catch (ContainerRuntimeException e) {
            if (pullFirst) {
                return createFailed(container, e, waiting);
            }
        }
        if (pulled(container, key, waiting).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(createReplacing(spec));
        } catch (ContainerRuntimeException e) {
            return createFailed(container, e, waiting);
        }
    }

    private static Optional<String> createFailed(Container container, ContainerRuntimeException e,
                                                 Map<String, ContainerState.Waiting> waiting) {
        waiting.put(container.name(), new ContainerState.Waiting("CreateContainerError", e.getMessage()));
        return Optional.empty();
    }

    /** Makes the container's image present; empty (with ErrImagePull) when that failed. */
    private Optional<ImageInfo> pulled(Container container, String key, Map<String, ContainerState.Waiting> waiting) {
        try {
            return Optional.of(runtime.ensureImage(container.image(), pullPolicy(container)));
        } catch (ImagePullException e) {
            pullBackoff.recordAttempt(key);
            waiting.put(container.name(), new ContainerState.Waiting("ErrImagePull", e.getMessage()));
            return Optional.empty();
        }
    }

    /** Creates the container; a leftover of the same name (a create whose start never happened) is replaced. */
    String createReplacing(ContainerSpec spec) {
        try {
            return runtime.create(spec);
        } catch (ContainerConflictException e) {
            try {
                runtime.remove(spec.name());
            } catch (ContainerNotFoundException gone) {
                // removed meanwhile: the name is free
            }
            return runtime.create(spec);
        }
    }

    /** Kubernetes' default: Always for {@code :latest} or no tag, else IfNotPresent. */
    static PullPolicy pullPolicy(Container container) {
        String policy = container.imagePullPolicy();
        if (policy == null) {
            return "latest".equals(ImageRef.parse(container.image()).tag()) ? PullPolicy.ALWAYS : PullPolicy.IF_NOT_PRESENT;
        }
        return switch (policy) {
            case Container.PULL_ALWAYS -> PullPolicy.ALWAYS;
            case Container.PULL_NEVER -> PullPolicy.NEVER;
            default -> PullPolicy.IF_NOT_PRESENT;
        };
    }
}
