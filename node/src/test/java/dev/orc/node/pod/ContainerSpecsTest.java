package dev.orc.node.pod;

import dev.orc.api.model.ContainerPort;
import dev.orc.api.model.EnvVar;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodHostPorts;
import dev.orc.api.model.Quantity;
import dev.orc.api.model.ResourceRequirements;
import dev.orc.node.runtime.ContainerSpec;
import dev.orc.node.runtime.NetworkMode;
import dev.orc.node.runtime.PortMapping;
import dev.orc.node.runtime.Resources;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerSpecsTest {

    @Test
    void limitsBecomeACpuQuotaAMemoryLimitAndEveryContainerGetsAPidsLimit() {
        ResourceRequirements limited = new ResourceRequirements(Map.of(ResourceRequirements.CPU, Quantity.parse("250m"),
                ResourceRequirements.MEMORY, Quantity.parse("64Mi")), Map.of(ResourceRequirements.CPU, Quantity.parse("100m")));

        assertThat(ContainerSpecs.resources(limited)).isEqualTo(new Resources(64L << 20, 250_000_000L, ContainerSpecs.PIDS_LIMIT));
        assertThat(ContainerSpecs.resources(new ResourceRequirements(null, null)))
                .isEqualTo(new Resources(0, 0, ContainerSpecs.PIDS_LIMIT));
    }

    private final ContainerSpecs specs = new ContainerSpecs("n1", new PodEnv(new StaticConfigSource()),
            new PodNetworking(Optional.of("172.17.0.1"), "cluster.local", namespace -> List.of()));

    private static Pod recorded(Pod pod, PodHostPorts.Entry... entries) {
        return pod.withMetadata(pod.metadata().withAnnotation(PodHostPorts.ANNOTATION, PodHostPorts.format(List.of(entries))));
    }

    @Test
    void portsKeepTheirHostPortElseTheOneRecordedForThemElseOneTheRuntimeAllocates() {
        dev.orc.api.model.Container app = Pods.shell("app", "serve").withPorts(List.of(
                new ContainerPort("http", 8080, null, null, null),
                new ContainerPort("fixed", 9090, 30090, null, null),
                new ContainerPort("dns", 53, null, null, "UDP"),
                new ContainerPort("new", 7070, null, null, null)));
        Pod pod = recorded(Pods.pod("web").container(app).build(),
                new PodHostPorts.Entry("app", "http", 8080, "TCP", 32771),
                new PodHostPorts.Entry("app", "fixed", 9090, "TCP", 30090),
                new PodHostPorts.Entry("app", "dns", 53, "TCP", 32999),
                new PodHostPorts.Entry("other", null, 7070, "TCP", 33000));

        assertThat(ContainerSpecs.ports(pod)).containsExactly(
                PortMapping.tcp("", 32771, 8080),
                PortMapping.tcp("", 30090, 9090),
                new PortMapping("", 0, 53, PortMapping.Protocol.UDP),
                PortMapping.tcp("", 0, 7070));
    }

    @Test
    void containerAloneHoldsThePodsNetworkOnTheBridgeWithItsPortsDnsAndHostname() {
        dev.orc.api.model.Container app = Pods.withEnv(Pods.withPort(Pods.shell("app", "serve"), 8080, null),
                EnvVar.of("A", "1"));
        Pod pod = recorded(Pods.pod("web-7c9d").namespace("shop").container(app).build(),
                new PodHostPorts.Entry("app", "p8080", 8080, "TCP", 32771));

        ContainerSpec spec = specs.alone(pod, app, 2, "10.0.0.5", Map.of());

        assertThat(spec.name()).isEqualTo(PodLabels.containerName(pod, "app", 2));
        assertThat(spec.networkMode()).isEqualTo(NetworkMode.bridge());
        assertThat(spec.ports()).containsExactly(PortMapping.tcp("", 32771, 8080));
        assertThat(spec.hostname()).isEqualTo("web-7c9d");
        assertThat(spec.dnsServers()).containsExactly("172.17.0.1");
        assertThat(spec.dnsSearch()).containsExactly("shop.svc.cluster.local", "svc.cluster.local", "cluster.local");
        assertThat(spec.env()).containsEntry("A", "1");
        assertThat(spec.labels()).containsEntry(PodLabels.ROLE, "app").containsEntry(PodLabels.RESTART_COUNT, "2");
    }

    @Test
    void hostnameIsThePodsNameCutTo63CharactersNotEndingInADashOrDot() {
        String name = "a".repeat(61) + "-.b";
        Pod pod = Pod.of(ObjectMeta.of("default", name).withUid("u"), Pods.pod("x").container("app", "x").build().spec());

        assertThat(ContainerSpecs.hostname(pod)).isEqualTo("a".repeat(61));
        assertThat(ContainerSpecs.hostname(Pods.pod("web-1").container("app", "x").build())).isEqualTo("web-1");
    }
}
