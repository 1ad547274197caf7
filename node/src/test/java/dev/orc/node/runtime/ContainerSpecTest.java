package dev.orc.node.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContainerSpecTest {

    @Test
    void containerJoiningAnotherNamespaceCannotPublishPorts() {
        ContainerSpec.Builder builder = ContainerSpec.builder("app", "orc/busybox:1")
                .networkMode(NetworkMode.container("infra"))
                .addPort(PortMapping.tcp("", 0, 80));
        assertThatThrownBy(builder::build).hasMessageContaining("container:infra").hasMessageContaining("publish");
    }

    @Test
    void containerJoiningAnotherNamespaceSharesItsResolvConfSoCannotSetDns() {
        ContainerSpec.Builder builder = ContainerSpec.builder("app", "orc/busybox:1")
                .networkMode(NetworkMode.container("infra"))
                .dnsServers(List.of("172.17.0.1"));
        assertThatThrownBy(builder::build).hasMessageContaining("container:infra").hasMessageContaining("resolv.conf");
        assertThat(builder.networkMode(NetworkMode.bridge()).build().dnsServers()).containsExactly("172.17.0.1");
    }

    @Test
    void containerJoiningAnotherNamespaceSharesItsHostnameSoCannotSetOne() {
        ContainerSpec.Builder builder = ContainerSpec.builder("app", "orc/busybox:1")
                .networkMode(NetworkMode.container("infra"))
                .hostname("web-1");
        assertThatThrownBy(builder::build).hasMessageContaining("container:infra").hasMessageContaining("hostname");
        assertThat(builder.networkMode(NetworkMode.bridge()).build().hostname()).isEqualTo("web-1");
    }

    @Test
    void invalidNameIsQuoted() {
        assertThatThrownBy(() -> ContainerSpec.builder("bad name", "x").build()).hasMessageContaining("'bad name'");
    }

    @Test
    void portsOutOfRangeAreRejectedNamingTheField() {
        assertThatThrownBy(() -> PortMapping.tcp("", 70000, 80)).hasMessageContaining("hostPort").hasMessageContaining("70000");
        assertThatThrownBy(() -> PortMapping.tcp("", 0, 0)).hasMessageContaining("containerPort");
    }

    @Test
    void toBuilderRoundTrips() {
        ContainerSpec spec = ContainerSpec.builder("web", "orc/web:1").command("httpd", "-f").putEnv("A", "1")
                .putLabel("pod", "web").addMount(new Mount.Tmpfs("/tmp", 1024)).resources(new Resources(1, 2, 3)).hostname("web").build();
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
    }

    @Test
    void networkModeNamesTheJoinedContainer() {
        assertThat(NetworkMode.container("abc").joinedContainer()).isEqualTo("abc");
        assertThat(NetworkMode.bridge().joinsContainer()).isFalse();
    }
}
