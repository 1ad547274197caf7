package dev.orc.node.runtime.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import dev.orc.node.runtime.ContainerSpec;
import dev.orc.node.runtime.Security;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CreateContainerMappingTest {

    private static CreateContainerCmd mapped(Security security) {
        return CreateContainerMapping.apply(ContainerSpec.builder("c", "orc/busybox:1").security(security).build(),
                new CreateContainerCmdImpl(command -> {
                    throw new AssertionError("not sent");
                }, null, "orc/busybox:1"));
    }

    @Test
    void theDefaultSecuritySetsNothingSoTheImageAndDockerDefaultsHold() {
        CreateContainerCmd cmd = mapped(Security.DEFAULT);
        HostConfig host = cmd.getHostConfig();

        assertThat(cmd.getUser()).isNull();
        assertThat(host.getGroupAdd()).isNull();
        assertThat(host.getReadonlyRootfs()).isNull();
        assertThat(host.getSecurityOpts()).isNull();
        assertThat(host.getCapAdd()).isNull();
        assertThat(host.getCapDrop()).isNull();
        assertThat(host.getPrivileged()).isNull();
    }

    @Test
    void everySettingReachesTheCreateCommand() {
        CreateContainerCmd cmd = mapped(new Security("1000:3000", List.of(2000L, 4000L), true, true,
                List.of("NET_BIND_SERVICE"), List.of("ALL"), true, true));
        HostConfig host = cmd.getHostConfig();

        assertThat(cmd.getUser()).isEqualTo("1000:3000");
        assertThat(host.getGroupAdd()).containsExactly("2000", "4000");
        assertThat(host.getReadonlyRootfs()).isTrue();
        assertThat(host.getSecurityOpts()).containsExactly("no-new-privileges", "seccomp=unconfined");
        assertThat(host.getCapAdd()).containsExactly(Capability.NET_BIND_SERVICE);
        assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
        assertThat(host.getPrivileged()).isTrue();
    }
}
