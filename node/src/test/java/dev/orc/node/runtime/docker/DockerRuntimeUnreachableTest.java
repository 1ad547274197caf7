package dev.orc.node.runtime.docker;

import dev.orc.node.runtime.RuntimeUnavailableException;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerRuntimeUnreachableTest {

    @Test
    void missingSocketIsReportedAsUnavailableNamingIt() {
        try (DockerRuntime runtime = DockerRuntime.connect(URI.create("unix:///nonexistent/orc-docker.sock"))) {
            assertThatThrownBy(runtime::version).isInstanceOf(RuntimeUnavailableException.class)
                    .hasMessageContaining("unix:///nonexistent/orc-docker.sock");
        }
    }
}
