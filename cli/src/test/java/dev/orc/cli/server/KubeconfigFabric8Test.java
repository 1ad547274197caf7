package dev.orc.cli.server;

import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.Kubeconfig;
import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The config a server writes is a kubeconfig that a Kubernetes client's own parser (fabric8's) reads. */
class KubeconfigFabric8Test {
    @TempDir
    Path dir;

    @Test
    void fabric8ReadsTheServersContextFromTheUsersConfigWithItsLocalSocketExtension() throws Exception {
        Path user = dir.resolve("home/.orc/config");
        Path ca = dir.resolve("ca.crt");
        Files.writeString(ca, "not read here");
        Path socket = dir.resolve("data/api.sock");
        OwnClientConfig.write(user, dir.resolve("data"), "orc", URI.create("https://127.0.0.1:6443"), "s3cret", ca, socket);

        Config config = Config.fromKubeconfig(user.toFile());

        assertThat(config.getCurrentContext().getName()).isEqualTo("orc");
        assertThat(config.getMasterUrl()).isEqualTo("https://127.0.0.1:6443/");
        assertThat(config.getAutoOAuthToken()).isEqualTo("s3cret");
        assertThat(config.getCaCertFile()).isEqualTo(ca.toAbsolutePath().toString());
        assertThat(config.getNamespace()).isEqualTo("default");
        assertThat(ClientConfig.read(user).localSocket()).isEqualTo(socket.toAbsolutePath());
    }

    @Test
    void fabric8ReadsAMigratedConfigOfSeveralServersAsItsFirst() throws Exception {
        Path user = dir.resolve("config");
        Files.writeString(user, "server: https://10.0.0.1:6443,https://10.0.0.2:6443\ntoken: t\nnamespace: shop\n");
        Kubeconfig.read(user).write(user);

        Config config = Config.fromKubeconfig(user.toFile());

        assertThat(config.getMasterUrl()).isEqualTo("https://10.0.0.1:6443/");
        assertThat(config.getNamespace()).isEqualTo("shop");
        assertThat(ClientConfig.read(user).servers()).hasSize(2);
    }
}
