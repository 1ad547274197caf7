package dev.orc.cli.server;

import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.Kubeconfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class OwnClientConfigTest {
    private static final URI SERVER = URI.create("https://127.0.0.1:6443");
    private static final String THEIRS = """
            apiVersion: v1
            kind: Config
            clusters: [{name: prod, cluster: {server: 'https://10.0.0.1:6443'}}]
            users: [{name: prod, user: {token: theirs}}]
            contexts: [{name: prod, context: {cluster: prod, user: prod, namespace: shop}}]
            current-context: prod
            """;

    @TempDir
    Path dir;

    @Test
    void anAbsentUserConfigIsWrittenWithThisServerAsItsCurrentContext() throws Exception {
        Path user = dir.resolve("home/.orc/config");

        Path written = OwnClientConfig.write(user, dir.resolve("data"), "orc", SERVER, "t0ken", null, null);

        assertThat(written).isEqualTo(user);
        assertThat(ClientConfig.read(user)).isEqualTo(new ClientConfig(SERVER, "t0ken", null, "default"));
        assertThat(ClientConfig.read(dir.resolve("data/client.yaml"))).isEqualTo(ClientConfig.read(user));
    }

    @Test
    void itsOwnContextIsUpdatedWhenTheServerRestartsOnAnotherAddressKeepingTheNamespaceChosen() throws Exception {
        Path user = dir.resolve("config");
        OwnClientConfig.write(user, dir.resolve("data"), "orc", SERVER, "t0ken", null, null);
        Kubeconfig chosen = Kubeconfig.read(user);
        chosen.withContext("orc", new ClientConfig(SERVER, "t0ken", null, "shop")).write(user);

        URI moved = URI.create("https://127.0.0.1:7443");
        assertThat(OwnClientConfig.write(user, dir.resolve("data"), "orc", moved, "t0ken", null, null)).isEqualTo(user);
        assertThat(ClientConfig.read(user)).isEqualTo(new ClientConfig(moved, "t0ken", null, "shop"));
        assertThat(Kubeconfig.read(user).contexts()).hasSize(1);
    }

    @Test
    void anotherServersContextStaysCurrentAndUnchangedBesideTheAddedOne() throws Exception {
        Path user = dir.resolve("config");
        Files.writeString(user, THEIRS);

        Path written = OwnClientConfig.write(user, dir.resolve("data"), "orc-bench", SERVER, "t0ken", null, null);

        assertThat(written).isEqualTo(dir.resolve("data/client.yaml"));
        assertThat(ClientConfig.read(user)).isEqualTo(new ClientConfig(URI.create("https://10.0.0.1:6443"), "theirs",
                null, "shop"));
        assertThat(Kubeconfig.read(user).clientConfig("orc-bench", user).server()).isEqualTo(SERVER);
        assertThat(ClientConfig.read(written).server()).isEqualTo(SERVER);
    }

    @Test
    void aCurrentContextNamingThisAddressAloneIsTakenOver() throws Exception {
        Path user = dir.resolve("config");
        Files.writeString(user, "server: https://127.0.0.1:6443\ntoken: old\n");

        assertThat(OwnClientConfig.write(user, dir.resolve("data"), "orc", SERVER, "new", null, null)).isEqualTo(user);
        assertThat(ClientConfig.read(user).token()).isEqualTo("new");
    }

    @Test
    void aUserConfigThatCannotBeReadIsLeftAlone() throws Exception {
        Path user = dir.resolve("config");
        Files.writeString(user, "server: [unclosed\n");

        assertThat(OwnClientConfig.write(user, dir.resolve("data"), "orc", SERVER, "t0ken", null, null))
                .isEqualTo(dir.resolve("data/client.yaml"));
        assertThat(Files.readString(user)).isEqualTo("server: [unclosed\n");
    }

    @Test
    void theContextIsNamedAfterTheDataDirectoryAndPlainOrcForTheDefaultOne() {
        Path home = dir.resolve("home/.orc");
        assertThat(OwnClientConfig.contextName(home, home)).isEqualTo("orc");
        assertThat(OwnClientConfig.contextName(dir.resolve("My Data"), home)).startsWith("orc-my-data-")
                .isEqualTo(OwnClientConfig.contextName(dir.resolve("My Data"), home));
    }
}
