package dev.orc.reconciler.controller.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.Condition;
import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerPort;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodHostPorts;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fluent pods and services for endpoints tests. */
final class Fixtures {
    private Fixtures() {
    }

    static PodBuilder pod(String name) {
        return new PodBuilder(name);
    }

    static Service service(String name, Map<String, String> selector, ServicePort... ports) {
        return Service.of(ObjectMeta.of("default", name).withUid("svc-" + name), ServiceSpec.of(selector, List.of(ports)));
    }

    /** A fixture's record as the JSON a user sends: with its apiVersion and kind. */
    static ObjectNode withKind(Object record, String kind) {
        ObjectNode object = (ObjectNode) Json.tree(record);
        object.put("apiVersion", "v1").put("kind", kind);
        return object;
    }

    static ServicePort port(String name, int port, IntOrString target) {
        return new ServicePort(name, "TCP", null, port, target, null);
    }

    static final class PodBuilder {
        private final String name;
        private final Map<String, String> labels = new LinkedHashMap<>(Map.of("app", "web"));
        private final List<ContainerPort> ports = new ArrayList<>();
        private final List<PodHostPorts.Entry> published = new ArrayList<>();
        private String node = "n1";
        private String hostIP = "10.0.0.1";
        private boolean ready = true;
        private String phase = PodStatus.RUNNING;
        private boolean deleting;
        private String hostname;
        private String subdomain;

        PodBuilder(String name) {
            this.name = name;
        }

        PodBuilder labels(Map<String, String> labels) {
            this.labels.clear();
            this.labels.putAll(labels);
            return this;
        }

        PodBuilder on(String node, String hostIP) {
            this.node = node;
            this.hostIP = hostIP;
            return this;
        }

        /** Container "app" declares {@code portName}/{@code containerPort}, published on {@code hostPort}. */
        PodBuilder port(String portName, int containerPort, int hostPort) {
            ports.add(new ContainerPort(portName, containerPort, null, null, null));
            published.add(new PodHostPorts.Entry("app", portName, containerPort, "TCP", hostPort));
            return this;
        }

        PodBuilder notReady() {
            this.ready = false;
            return this;
        }

        PodBuilder phase(String phase) {
            this.phase = phase;
            return this;
        }

        /** The pod's {@code spec.hostname} and {@code spec.subdomain}, as a StatefulSet sets them. */
        PodBuilder identity(String hostname, String subdomain) {
            this.hostname = hostname;
            this.subdomain = subdomain;
            return this;
        }

        PodBuilder deleting() {
            this.deleting = true;
            return this;
        }

        Pod build() {
            ObjectMeta meta = ObjectMeta.of("default", name).withUid("uid-" + name).withLabels(labels)
                    .withAnnotation(PodHostPorts.ANNOTATION, PodHostPorts.format(published));
            if (deleting) {
                meta = meta.withDeletion("2024-01-01T00:00:00Z", 30L);
            }
            PodStatus status = PodStatus.phase(phase).withAddresses(hostIP, null)
                    .withCondition(Condition.of(PodStatus.READY, ready ? Condition.TRUE : Condition.FALSE, null, null, null));
            PodSpec spec = PodSpec.of(Container.of("app", "orc/web:1").withPorts(ports));
            spec = new PodSpec(spec.initContainers(), spec.containers(), spec.volumes(), spec.restartPolicy(),
                    spec.terminationGracePeriodSeconds(), spec.activeDeadlineSeconds(), spec.dnsPolicy(),
                    spec.nodeSelector(), spec.serviceAccountName(), spec.nodeName(), spec.hostNetwork(), hostname,
                    subdomain, spec.affinity(), spec.tolerations(), spec.imagePullSecrets(), spec.schedulerName(),
                    spec.priorityClassName(), spec.securityContext(),
                    spec.automountServiceAccountToken());
            return Pod.of(meta, spec).withNodeName(node).withStatus(status);
        }
    }
}
