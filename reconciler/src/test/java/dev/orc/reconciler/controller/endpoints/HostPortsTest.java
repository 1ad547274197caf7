package dev.orc.reconciler.controller.endpoints;

import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerPort;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodHostPorts;
import dev.orc.api.model.PodSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HostPortsTest {

    /** Exactly what the node agent writes (PodHostPorts.format of its entries). */
    private static final String AGENT_ANNOTATION = "[{\"container\":\"web\",\"name\":\"http\",\"containerPort\":8080,"
            + "\"protocol\":\"TCP\",\"hostPort\":32768},{\"container\":\"sidecar\",\"name\":null,\"containerPort\":9090,"
            + "\"protocol\":\"UDP\",\"hostPort\":32769}]";

    private static Pod pod(String annotation) {
        ObjectMeta meta = ObjectMeta.of("default", "p");
        if (annotation != null) {
            meta = meta.withAnnotation(PodHostPorts.ANNOTATION, annotation);
        }
        return Pod.of(meta, PodSpec.of(
                Container.of("web", "orc/web:1").withPorts(List.of(new ContainerPort("http", 8080, null, null, null))),
                Container.of("sidecar", "orc/web:1").withPorts(List.of(new ContainerPort(null, 9090, null, null, "UDP")))));
    }

    @Test
    void readsTheListTheAgentWritesByNumberAndByName() {
        HostPorts ports = HostPorts.of(pod(AGENT_ANNOTATION));

        assertThat(ports.forNumber(8080, "TCP")).contains(32768);
        assertThat(ports.forName("http", "TCP")).contains(32768);
        assertThat(ports.forNumber(9090, "UDP")).contains(32769);
        assertThat(ports.forNumber(9090, "TCP")).isEmpty();
        assertThat(ports.forName("http", "UDP")).isEmpty();
    }

    @Test
    void agentFormatRoundTripsThroughTheReader() {
        String written = PodHostPorts.format(List.of(new PodHostPorts.Entry("web", "http", 8080, "TCP", 31000)));

        assertThat(HostPorts.of(pod(written)).forName("http", null)).contains(31000);
    }

    @Test
    void missingOrUnreadableAnnotationPublishesNothing() {
        assertThat(HostPorts.of(pod(null)).forNumber(8080, "TCP")).isEmpty();
        assertThat(HostPorts.of(pod("{\"web/8080/TCP\": 32768}")).forNumber(8080, "TCP")).isEmpty();
        assertThat(HostPorts.of(pod("not json")).forName("http", "TCP")).isEmpty();
    }
}
