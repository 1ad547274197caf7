package dev.orc.reconciler.scheduler.framework;

import dev.orc.api.cache.ObjectKey;
import dev.orc.api.model.Node;
import dev.orc.api.model.NodeStatus;
import dev.orc.api.model.Quantity;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node and what is placed on it: its pods (bound or assumed), the sums of their requests, the
 * host ports they use and how many pods each controlling owner has here. The sums are kept up to date
 * pod by pod, so a decision never walks every pod. Only {@link SchedulerCache} changes it, under its lock.
 */
public final class NodeInfo {
    private static final String PODS = "pods";

    private final String name;
    private Node node;
    private Resources allocatable = Resources.NONE;
    private long allowedPods;
    private boolean ready;
    private final Map<ObjectKey, PodInfo> pods = new LinkedHashMap<>();
    private Resources requested = Resources.NONE;
    private Resources nonZeroRequested = Resources.NONE;
    private final Map<String, Map<String, Integer>> portsBySlot = new HashMap<>();
    private final Map<String, Integer> podsByOwner = new HashMap<>();

    NodeInfo(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The Node, or null while only pods bound to a node not (yet) seen are known. */
    public Node node() {
        return node;
    }

    public Resources allocatable() {
        return allocatable;
    }

    public long allowedPods() {
        return allowedPods;
    }

    public Collection<PodInfo> pods() {
        return Collections.unmodifiableCollection(pods.values());
    }

    public int podCount() {
        return pods.size();
    }

    /** What the pods here request. */
    public Resources requested() {
        return requested;
    }

    /** What the pods here request, counting Kubernetes' defaults for containers that request nothing. */
    public Resources nonZeroRequested() {
        return nonZeroRequested;
    }

    /** How many pods controlled by the owner with this uid are here. */
    public int podsOfOwner(String ownerUid) {
        return ownerUid == null ? 0 : podsByOwner.getOrDefault(ownerUid, 0);
    }

    /** Whether a pod here already uses a host port that conflicts with {@code wanted}. */
    public boolean hostPortInUse(HostPort wanted) {
        Map<String, Integer> ips = portsBySlot.get(wanted.slot());
        if (ips == null) {
            return false;
        }
        return wanted.anyIp() || ips.containsKey(HostPort.ANY_IP) || ips.containsKey(wanted.ip());
    }

    /** Whether the node's {@code Ready} condition is {@code True}: read once per change of the node, not per decision. */
    public boolean ready() {
        return ready;
    }

    void setNode(Node node) {
        this.node = node;
        NodeStatus status = node == null ? null : node.status();
        ready = status != null && status.ready();
        if (status == null) {
            allocatable = Resources.NONE;
            allowedPods = 0;
            return;
        }
        allocatable = new Resources(quantity(status, "cpu").milliValue(), quantity(status, "memory").value());
        allowedPods = quantity(status, PODS).value();
    }

    /** Allocatable, falling back to capacity for a resource the node did not report as allocatable. */
    private static Quantity quantity(NodeStatus status, String resource) {
        Quantity allocatable = status.allocatable().get(resource);
        return allocatable != null ? allocatable : status.capacity().getOrDefault(resource, Quantity.ZERO);
    }

    void addPod(PodInfo pod) {
        PodInfo previous = pods.put(pod.key(), pod);
        if (previous != null) {
            account(previous, -1);
        }
        account(pod, 1);
    }

    void removePod(ObjectKey key) {
        PodInfo previous = pods.remove(key);
        if (previous != null) {
            account(previous, -1);
        }
    }

    private void account(PodInfo pod, int sign) {
        requested = new Resources(requested.milliCpu() + sign * pod.requests().milliCpu(),
                requested.memory() + sign * pod.requests().memory());
        nonZeroRequested = new Resources(nonZeroRequested.milliCpu() + sign * pod.nonZeroRequests().milliCpu(),
                nonZeroRequested.memory() + sign * pod.nonZeroRequests().memory());
        for (HostPort port : pod.hostPorts()) {
            Map<String, Integer> ips = portsBySlot.computeIfAbsent(port.slot(), slot -> new HashMap<>());
            if (ips.merge(port.ip(), sign, Integer::sum) <= 0) {
                ips.remove(port.ip());
            }
            if (ips.isEmpty()) {
                portsBySlot.remove(port.slot());
            }
        }
        if (pod.ownerUid() != null && podsByOwner.merge(pod.ownerUid(), sign, Integer::sum) <= 0) {
            podsByOwner.remove(pod.ownerUid());
        }
    }

    boolean isEmpty() {
        return node == null && pods.isEmpty();
    }

    @Override
    public String toString() {
        return "NodeInfo[" + name + ", " + pods.size() + " pods, requested " + requested + "]";
    }
}
