package dev.orc.node.runtime.docker;

import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.orc.node.runtime.ContainerNotFoundException;
import dev.orc.node.runtime.ImagePullException;
import dev.orc.node.runtime.RuntimeUnavailableException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class DockerErrorsTest {

    private final DockerErrors errors = new DockerErrors(URI.create("unix:///var/run/docker.sock"));

    @Test
    void dnsFailureOfTheRegistryIsUnreachable() {
        ImagePullException e = errors.pull("nginx", new InternalServerErrorException(
                "Status 500: {\"message\":\"Get \\\"https://registry-1.docker.io/v2/\\\": dial tcp: lookup registry-1.docker.io on 10.0.0.1:53: no such host\"}\n"));
        assertThat(e.reason()).isEqualTo(ImagePullException.Reason.REGISTRY_UNREACHABLE);
        assertThat(e.getMessage()).isEqualTo("registry of image 'nginx' unreachable: Get \"https://registry-1.docker.io/v2/\": "
                + "dial tcp: lookup registry-1.docker.io on 10.0.0.1:53: no such host");
    }

    @Test
    void unknownManifestIsNotFound() {
        ImagePullException e = errors.pull("r:5000/x:1", new NotFoundException(
                "Status 404: {\"message\":\"manifest for r:5000/x:1 not found: manifest unknown: manifest unknown\"}"));
        assertThat(e.reason()).isEqualTo(ImagePullException.Reason.NOT_FOUND);
    }

    @Test
    void errorInThePullStreamIsClassifiedToo() {
        ImagePullException e = errors.pull("x", new DockerClientException("Could not pull image: pull access denied for x, repository does not exist"));
        assertThat(e.reason()).isEqualTo(ImagePullException.Reason.NOT_FOUND);
    }

    @Test
    void containerOperationOnAMissingContainerIsNotFound() {
        assertThat(errors.container("start", "web", new NotFoundException("Status 404: {\"message\":\"No such container: web\"}")))
                .isInstanceOf(ContainerNotFoundException.class);
    }

    @Test
    void transportFailureMeansTheEngineIsUnavailable() {
        RuntimeException e = new RuntimeException(new IOException("connect failed: No such file or directory"));
        assertThat(errors.general("cannot list containers", e)).isInstanceOf(RuntimeUnavailableException.class)
                .hasMessageContaining("unix:///var/run/docker.sock").hasMessageContaining("No such file or directory");
    }
}
