package dev.orc.node.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageRefTest {

    @Test
    void nameWithoutRegistryOrTagIsLatestOnDockerHub() {
        assertThat(ImageRef.parse("nginx")).isEqualTo(new ImageRef("docker.io", "nginx", "latest"));
    }

    @Test
    void registryWithPortIsNotMistakenForATag() {
        assertThat(ImageRef.parse("127.0.0.1:5000/orc/web")).isEqualTo(new ImageRef("127.0.0.1:5000", "127.0.0.1:5000/orc/web", "latest"));
        assertThat(ImageRef.parse("localhost:5000/web:2").tag()).isEqualTo("2");
    }

    @Test
    void pathWithoutDotOrPortIsNotARegistry() {
        assertThat(ImageRef.parse("orc/busybox:1")).isEqualTo(new ImageRef("docker.io", "orc/busybox", "1"));
        assertThat(ImageRef.parse("localhost/web").registry()).isEqualTo("localhost");
        assertThat(ImageRef.parse("ghcr.io/a/b:3").registry()).isEqualTo("ghcr.io");
    }

    @Test
    void digestReferenceKeepsTheDigest() {
        ImageRef ref = ImageRef.parse("web@sha256:abc");
        assertThat(ref.tag()).isEqualTo("sha256:abc");
        assertThat(ref.reference()).isEqualTo("web@sha256:abc");
    }

    @Test
    void blankReferenceIsRejected() {
        assertThatThrownBy(() -> ImageRef.parse(" ")).hasMessageContaining("not an image reference");
    }
}
