package dev.orc.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a node agent reports: its resources, health, addresses and runtime. */
public record NodeStatus(
        @OmitEmpty Map<String, Quantity> capacity,
        @OmitEmpty Map<String, Quantity> allocatable,
        @OmitEmpty List<Condition> conditions,
        @OmitEmpty List<Address> addresses,
        DaemonEndpoints daemonEndpoints,
        SystemInfo nodeInfo,
        @OmitEmpty List<Image> images) {
    public static final String READY = "Ready";
    /**
     * The reason of Ready=False that a node agent writes as it stops: its containers keep running, and the node
     * lifecycle controller marks its pods not ready but evicts nothing until the grace period of silence has passed.
     */
    public static final String AGENT_STOPPED = "NodeAgentStopped";
    public static final String INTERNAL_IP = "InternalIP";
    public static final String HOSTNAME = "Hostname";

    public NodeStatus {
        capacity = Immutable.map(capacity);
        allocatable = Immutable.map(allocatable);
        conditions = Immutable.list(conditions);
        addresses = Immutable.list(addresses);
        images = Immutable.list(images);
    }

    public record Address(String type, String address) {
    }

    public record DaemonEndpoints(Endpoint kubeletEndpoint) {
    }

    /** The agent's own port ({@code Port} with a capital P, as Kubernetes spells it). */
    public record Endpoint(@JsonProperty("Port") Integer port) {
    }

    public record SystemInfo(String machineID, String systemUUID, String bootID, String kernelVersion,
                             String osImage, String containerRuntimeVersion, String kubeletVersion,
                             String kubeProxyVersion, String operatingSystem, String architecture) {
    }

    public record Image(@OmitEmpty List<String> names, Long sizeBytes) {
        public Image {
            names = Immutable.list(names);
        }
    }

    public Optional<Condition> condition(String type) {
        return Conditions.find(conditions, type);
    }

    /** True when the node's {@code Ready} condition is {@code True}. */
    public boolean ready() {
        return condition(READY).map(Condition::statusTrue).orElse(false);
    }

    /** The first address of a type ({@link #INTERNAL_IP}, {@link #HOSTNAME}). */
    public Optional<String> address(String type) {
        return addresses.stream().filter(a -> type.equals(a.type())).map(Address::address).findFirst();
    }

    public NodeStatus withCondition(Condition condition) {
        return new NodeStatus(capacity, allocatable, Conditions.put(conditions, condition), addresses,
                daemonEndpoints, nodeInfo, images);
    }
}
