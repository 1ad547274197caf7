package dev.orc.reconciler.scheduler;

import dev.orc.api.model.Volume;
import dev.orc.api.model.Affinity;
import dev.orc.api.model.Condition;
import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerPort;
import dev.orc.api.model.Node;
import dev.orc.api.model.NodeAffinity;
import dev.orc.api.model.NodeSelector;
import dev.orc.api.model.NodeSelectorRequirement;
import dev.orc.api.model.NodeSelectorTerm;
import dev.orc.api.model.NodeSpec;
import dev.orc.api.model.NodeStatus;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.OwnerReference;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.PreferredSchedulingTerm;
import dev.orc.api.model.Quantity;
import dev.orc.api.model.ResourceRequirements;
import dev.orc.api.model.Taint;
import dev.orc.api.model.Toleration;
import dev.orc.reconciler.scheduler.framework.NodeInfo;
import dev.orc.reconciler.scheduler.framework.PodInfo;
import dev.orc.reconciler.scheduler.framework.SchedulerCache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fluent pods and nodes for scheduler tests: {@code pod("web-1").requests("500m", "128Mi").build()}. */
public final class Fixtures {
    private Fixtures() {
    }

    public static PodFixture pod(String name) {
        return new PodFixture(name);
    }

    public static NodeFixture node(String name) {
        return new NodeFixture(name);
    }

    /** The NodeInfo of {@code node} with {@code pods} bound to it. */
    public static NodeInfo nodeInfo(Node node, Pod... pods) {
        SchedulerCache cache = new SchedulerCache();
        cache.putNode(node);
        for (Pod pod : pods) {
            cache.putBoundPod(PodInfo.of(pod.withNodeName(node.name())));
        }
        return cache.read(snapshot -> snapshot.node(node.name()).orElseThrow());
    }

    public static final class PodFixture {
        private final String name;
        private String uid;
        private final List<Container> containers = new ArrayList<>();
        private final List<Container> initContainers = new ArrayList<>();
        private final Map<String, String> nodeSelector = new LinkedHashMap<>();
        private NodeSelector required;
        private final List<PreferredSchedulingTerm> preferred = new ArrayList<>();
        private final List<Toleration> tolerations = new ArrayList<>();
        private String ownerUid;
        private String nodeName;
        private String schedulerName;
        private String deletionTimestamp;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<Volume> volumes = new ArrayList<>();

        private PodFixture(String name) {
            this.name = name;
            this.uid = "uid-" + name;
        }

        public PodFixture uid(String uid) {
            this.uid = uid;
            return this;
        }

        /** One more container requesting {@code cpu} and {@code memory} (null: not requested). */
        public PodFixture requests(String cpu, String memory) {
            containers.add(container("c" + containers.size(), cpu, memory));
            return this;
        }

        public PodFixture initRequests(String cpu, String memory) {
            initContainers.add(container("init" + initContainers.size(), cpu, memory));
            return this;
        }

        public PodFixture hostPort(int port) {
            return hostPort(null, null, port);
        }

        public PodFixture hostPort(String ip, String protocol, int port) {
            Container base = containers.isEmpty() ? Container.of("c0", "busybox") : containers.removeLast();
            List<ContainerPort> ports = new ArrayList<>(base.ports());
            ports.add(new ContainerPort(null, port, port, ip, protocol));
            containers.add(base.withPorts(ports));
            return this;
        }

        public PodFixture nodeSelector(String key, String value) {
            nodeSelector.put(key, value);
            return this;
        }

        public PodFixture required(NodeSelectorTerm... terms) {
            required = NodeSelector.of(terms);
            return this;
        }

        public PodFixture preferred(int weight, NodeSelectorRequirement... expressions) {
            preferred.add(new PreferredSchedulingTerm(weight, NodeSelectorTerm.of(expressions)));
            return this;
        }

        public PodFixture tolerate(Toleration toleration) {
            tolerations.add(toleration);
            return this;
        }

        public PodFixture owner(String ownerUid) {
            this.ownerUid = ownerUid;
            return this;
        }

        public PodFixture node(String nodeName) {
            this.nodeName = nodeName;
            return this;
        }

        public PodFixture schedulerName(String schedulerName) {
            this.schedulerName = schedulerName;
            return this;
        }

        public PodFixture deleting() {
            this.deletionTimestamp = "2026-01-01T00:00:00Z";
            return this;
        }

        public PodFixture label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public PodFixture claim(String claimName) {
            volumes.add(new Volume(claimName, null, null, null, null,
                    new Volume.ClaimSource(claimName, null)));
            return this;
        }

        public Pod build() {
            ObjectMeta meta = ObjectMeta.of("default", name).withUid(uid).withLabels(labels);
            if (ownerUid != null) {
                meta = meta.withOwnerReferences(List.of(
                        new OwnerReference("apps/v1", "ReplicaSet", "owner-" + ownerUid, ownerUid, true, true)));
            }
            if (deletionTimestamp != null) {
                meta = meta.withDeletion(deletionTimestamp, 30L);
            }
            List<Container> app = containers.isEmpty() ? List.of(Container.of("c0", "busybox")) : containers;
            NodeAffinity affinity = required == null && preferred.isEmpty() ? null : new NodeAffinity(required, preferred);
            PodSpec spec = new PodSpec(initContainers, app, volumes, null, null, null, null, nodeSelector, null, nodeName,
                    null, null, null, affinity == null ? null : new Affinity(affinity), tolerations, null,
                    schedulerName, null, null, null);
            return Pod.of(meta, spec);
        }

        public PodInfo info() {
            return PodInfo.of(build());
        }

        private static Container container(String name, String cpu, String memory) {
            Map<String, Quantity> requests = new LinkedHashMap<>();
            if (cpu != null) {
                requests.put(ResourceRequirements.CPU, Quantity.parse(cpu));
            }
            if (memory != null) {
                requests.put(ResourceRequirements.MEMORY, Quantity.parse(memory));
            }
            return Container.of(name, "busybox").withResources(new ResourceRequirements(null, requests));
        }
    }

    public static final class NodeFixture {
        private final String name;
        private String cpu = "4";
        private String memory = "8Gi";
        private long pods = 110;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<Taint> taints = new ArrayList<>();
        private boolean unschedulable;
        private String ready = Condition.TRUE;

        private NodeFixture(String name) {
            this.name = name;
        }

        public NodeFixture allocatable(String cpu, String memory, long pods) {
            this.cpu = cpu;
            this.memory = memory;
            this.pods = pods;
            return this;
        }

        public NodeFixture label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public NodeFixture taint(String key, String value, String effect) {
            taints.add(Taint.of(key, value, effect));
            return this;
        }

        public NodeFixture unschedulable() {
            this.unschedulable = true;
            return this;
        }

        public NodeFixture ready(String status) {
            this.ready = status;
            return this;
        }

        public Node build() {
            Map<String, Quantity> allocatable = Map.of(ResourceRequirements.CPU, Quantity.parse(cpu),
                    ResourceRequirements.MEMORY, Quantity.parse(memory), "pods", Quantity.of(pods));
            List<Condition> conditions = ready == null ? List.of()
                    : List.of(Condition.of(NodeStatus.READY, ready, "KubeletReady", "ready", null));
            NodeStatus status = new NodeStatus(allocatable, allocatable, conditions, null, null, null, null);
            return Node.of(ObjectMeta.named(name).withUid("uid-" + name).withLabels(labels),
                    new NodeSpec(null, null, null, unschedulable ? Boolean.TRUE : null, taints), status);
        }
    }
}
