package dev.orc.node.pod;

import dev.orc.api.model.PodSpec;

/**
 * Who holds a pod's network namespace (its address, published ports, resolv.conf and hostname): an infra
 * container the pod's containers join, as the kubelet's sandbox does, or the pod's only container itself, which
 * takes one container start per pod instead of two (what a plain {@code docker run} costs).
 *
 * <p>{@link #of} decides, from the pod's spec and what runs of it:
 * <ol>
 * <li>What runs decides first, so that a restarted or upgraded agent never restarts a pod it adopts: a pod with an
 * infra container, or with a container joining another's network, keeps its infra container; a pod whose container
 * holds its own network goes on doing so.</li>
 * <li>A pod with nothing running holds its network in its container only when an infra container adds nothing:
 * exactly one app container (containers of a pod share localhost) and no init containers (they run before the app
 * container and must see the address it gets), whose environment does not take {@code status.podIP} (the address
 * of a container's own network exists only once the container is created, too late for its environment).</li>
 * </ol>
 * What makes no difference: volumes (host directories bind-mounted into each container, held by no container),
 * {@code hostPort}s and {@code dnsPolicy} (set on whichever container holds the network), and
 * {@code hostNetwork}, {@code hostPID}, {@code hostIPC} and {@code shareProcessNamespace}, which orc ignores (with a
 * validation warning): every pod runs on the Docker bridge with a process namespace per container either way.
 *
 * <p>What differs on a restart: a container that holds its own network is replaced by a new container with a new
 * network namespace. It publishes the same host ports (recorded in the pod's {@code PodHostPorts} annotation, so
 * endpoints do not move), but Docker's default bridge hands out the lowest free address, so it gets its old address
 * back only if no container took it while none ran; {@code status.podIP} follows the running container, and keeps
 * the last address while none runs.
 */
enum NetworkHolder {
    /** An infra container ({@link PodLabels#INFRA_NAME}) holds the network; the pod's containers join it. */
    INFRA,
    /** The pod's only container holds the network itself; there is no infra container. */
    CONTAINER;

    static NetworkHolder of(PodSpec spec, ObservedPod observed) {
        for (ObservedContainer c : observed.containers()) {
            if (c.role() == ContainerRole.INFRA || c.info().networkMode().joinsContainer()) {
                return INFRA;
            }
        }
        if (!observed.isEmpty()) {
            return CONTAINER;
        }
        return needsInfra(spec) ? INFRA : CONTAINER;
    }

    /** Whether a pod of this spec needs a network namespace shared by several containers or known before its container. */
    static boolean needsInfra(PodSpec spec) {
        return spec.containers().size() != 1 || !spec.initContainers().isEmpty()
                || spec.containers().stream().anyMatch(PodEnv::usesPodIP);
    }
}
