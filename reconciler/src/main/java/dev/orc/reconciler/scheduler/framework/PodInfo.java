package dev.orc.reconciler.scheduler.framework;

import dev.orc.api.cache.ObjectKey;
import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerPort;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.OwnerReference;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.Quantity;
import dev.orc.api.model.ResourceRequirements;

import java.util.ArrayList;
import java.util.List;

/**
 * A pod with what the scheduler reads from it worked out once: its requests (app containers summed,
 * compared with the largest init container), the same with Kubernetes' defaults for containers that
 * request nothing (used to score), its host ports and the uid of its controlling owner.
 */
public record PodInfo(ObjectKey key, Pod pod, Resources requests, Resources nonZeroRequests,
                      List<HostPort> hostPorts, String ownerUid) {
    /** What a container that requests no cpu counts as when scoring. */
    public static final long DEFAULT_MILLI_CPU = 100;
    /** What a container that requests no memory counts as when scoring (200Mi). */
    public static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

    public PodInfo {
        hostPorts = List.copyOf(hostPorts);
    }

    public static PodInfo of(Pod pod) {
        ObjectMeta meta = pod.metadata() == null ? ObjectMeta.named("") : pod.metadata();
        ObjectKey key = new ObjectKey(meta.namespace() == null ? "" : meta.namespace(), meta.name() == null ? "" : meta.name());
        PodSpec spec = pod.spec() == null ? PodSpec.of() : pod.spec();
        Resources sum = Resources.NONE;
        Resources nonZeroSum = Resources.NONE;
        List<HostPort> ports = new ArrayList<>();
        for (Container container : spec.containers()) {
            sum = sum.plus(requests(container, false));
            nonZeroSum = nonZeroSum.plus(requests(container, true));
            for (ContainerPort port : container.ports()) {
                if (port.hostPort() != null && port.hostPort() > 0) {
                    ports.add(HostPort.of(port.hostIP(), port.protocol(), port.hostPort()));
                }
            }
        }
        for (Container init : spec.initContainers()) {
            sum = sum.max(requests(init, false));
            nonZeroSum = nonZeroSum.max(requests(init, true));
        }
        String owner = meta.controllerRef().map(OwnerReference::uid).orElse(null);
        return new PodInfo(key, pod, sum, nonZeroSum, ports, owner);
    }

    private static Resources requests(Container container, boolean nonZero) {
        ResourceRequirements resources = container.resourcesOrEmpty();
        return new Resources(amount(resources, ResourceRequirements.CPU, nonZero, DEFAULT_MILLI_CPU, true),
                amount(resources, ResourceRequirements.MEMORY, nonZero, DEFAULT_MEMORY, false));
    }

    private static long amount(ResourceRequirements resources, String name, boolean nonZero, long fallback, boolean milli) {
        boolean given = resources.requests().containsKey(name) || resources.limits().containsKey(name);
        if (nonZero && !given) {
            return fallback;
        }
        Quantity quantity = resources.effectiveRequest(name);
        return milli ? quantity.milliValue() : quantity.value();
    }

    public String uid() {
        return pod.metadata() == null ? null : pod.metadata().uid();
    }

    public PodSpec spec() {
        return pod.spec() == null ? PodSpec.of() : pod.spec();
    }
}
