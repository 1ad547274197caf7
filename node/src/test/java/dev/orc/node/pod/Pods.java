package dev.orc.node.pod;

import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerPort;
import dev.orc.api.model.EnvVar;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.Quantity;
import dev.orc.api.model.ResourceRequirements;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Fluent pod fixtures: {@code pod("web").container("app", "sleep", "1000").restartPolicy("Never").build()}. */
public final class Pods {
    public static final String IMAGE = "orc/busybox:1";

    private final String name;
    private String namespace = "default";
    private String uid = UUID.randomUUID().toString();
    private String node = "n1";
    private String restartPolicy;
    private Long grace;
    private final List<Container> inits = new ArrayList<>();
    private final List<Container> containers = new ArrayList<>();

    private Pods(String name) {
        this.name = name;
    }

    public static Pods pod(String name) {
        return new Pods(name);
    }

    public Pods namespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    public Pods node(String node) {
        this.node = node;
        return this;
    }

    public Pods restartPolicy(String policy) {
        this.restartPolicy = policy;
        return this;
    }

    public Pods grace(long seconds) {
        this.grace = seconds;
        return this;
    }

    /** An app container running {@code sh -c script}. */
    public Pods container(String name, String script) {
        containers.add(shell(name, script));
        return this;
    }

    public Pods container(Container container) {
        containers.add(container);
        return this;
    }

    public Pods init(String name, String script) {
        inits.add(shell(name, script));
        return this;
    }

    public static Container shell(String name, String script) {
        return Container.of(name, IMAGE).withCommand(List.of("sh", "-c", script), null);
    }

    public static Container withPort(Container c, int containerPort, Integer hostPort) {
        List<ContainerPort> ports = new ArrayList<>(c.ports());
        ports.add(new ContainerPort("p" + containerPort, containerPort, hostPort, null, null));
        return c.withPorts(ports);
    }

    public static Container withMemoryLimit(Container c, String limit) {
        return c.withResources(new ResourceRequirements(Map.of(ResourceRequirements.MEMORY, Quantity.parse(limit)), null));
    }

    public static Container withPullPolicy(Container c, String policy) {
        return new Container(c.name(), c.image(), c.command(), c.args(), c.workingDir(), c.ports(), c.envFrom(), c.env(),
                c.resources(), c.volumeMounts(), c.livenessProbe(), c.readinessProbe(), c.startupProbe(), policy,
                c.stdin(), c.stdinOnce(), c.tty(), c.securityContext());
    }

    public static Container withEnv(Container c, EnvVar... vars) {
        return c.withEnv(List.of(vars));
    }

    public Pod build() {
        PodSpec spec = PodSpec.of().withContainers(containers).withInitContainers(inits)
                .withRestartPolicy(restartPolicy).withNodeName(node);
        if (grace != null) {
            spec = new PodSpec(spec.initContainers(), spec.containers(), spec.volumes(), spec.restartPolicy(), grace,
                    null, null, null, null, spec.nodeName(), null, null, null, null, null, null, null, null,
                    spec.securityContext(), null);
        }
        return Pod.of(ObjectMeta.of(namespace, name).withUid(uid), spec);
    }
}
