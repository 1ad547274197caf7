package dev.orc.api.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubeconfigTest {
    private static final String TWO_CONTEXTS = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: prod
              cluster: {server: https://10.0.0.1:6443, certificate-authority: prod-ca.pem}
            - name: lab
              cluster: {server: https://lab:6443}
            users:
            - name: ops
              user: {token: prod-token}
            - name: me
              user: {client-certificate: me.crt, client-key: me.key}
            contexts:
            - name: prod
              context: {cluster: prod, user: ops, namespace: shop}
            - name: lab
              context: {cluster: lab, user: me}
            current-context: prod
            preferences: {colors: true}
            """;

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void theCurrentContextGivesServerTokenCaRelativeToTheFileAndNamespace() throws IOException {
        Path file = file("config", TWO_CONTEXTS);

        ClientConfig config = ClientConfig.read(file);

        assertThat(config).isEqualTo(new ClientConfig(URI.create("https://10.0.0.1:6443"), "prod-token",
                dir.resolve("prod-ca.pem").toAbsolutePath(), "shop"));
        assertThat(Kubeconfig.read(file).contexts()).extracting(Kubeconfig.Context::name).containsExactly("prod", "lab");
    }

    @Test
    void anotherContextCanBeChosenAndAMissingOneIsNamed() throws IOException {
        Path file = file("config", TWO_CONTEXTS);

        assertThat(ClientConfig.load(Map.of("ORC_CONFIG", file.toString()), dir, "lab").server())
                .isEqualTo(URI.create("https://lab:6443"));
        assertThatThrownBy(() -> ClientConfig.load(Map.of("ORC_CONFIG", file.toString()), dir, "nope"))
                .hasMessage("context \"nope\" is not in client config " + file + " (orc config get-contexts lists them)");
    }

    @Test
    void addingAContextKeepsEveryOtherEntryAndUnknownFieldAsTheyWere() throws IOException {
        Path file = file("config", TWO_CONTEXTS);

        Kubeconfig.read(file).withContext("orc", new ClientConfig(URI.create("https://127.0.0.1:6443"), "t", null, "default"))
                .write(file);

        Kubeconfig after = Kubeconfig.read(file);
        assertThat(after.contexts()).extracting(Kubeconfig.Context::name).containsExactly("prod", "lab", "orc");
        assertThat(after.currentContext()).isEqualTo("prod");
        assertThat(ClientConfig.read(file).token()).isEqualTo("prod-token");
        assertThat(after.clientConfig("orc", file).server()).isEqualTo(URI.create("https://127.0.0.1:6443"));
        assertThat(Files.readString(file)).contains("client-certificate: me.crt", "colors: true");
    }

    @Test
    void anEarlierOrcConfigIsReadAsOneContextAndWrittenBackAsAKubeconfig() throws IOException {
        Path file = file("config", "server: https://a:1,https://b:2\ntoken: x\ncertificateAuthority: ca.pem\n");

        Kubeconfig migrated = Kubeconfig.read(file);
        migrated.write(file);

        ClientConfig config = ClientConfig.read(file);
        assertThat(config.servers()).containsExactly(URI.create("https://a:1"), URI.create("https://b:2"));
        assertThat(config.token()).isEqualTo("x");
        assertThat(config.certificateAuthority()).isEqualTo(dir.resolve("ca.pem").toAbsolutePath());
        assertThat(migrated.currentContext()).isEqualTo(Kubeconfig.MIGRATED);
        assertThat(Files.readString(file)).contains("kind: Config", "server: https://a:1", Kubeconfig.SERVERS_EXTENSION);
    }

    @Test
    void kubeconfigFilesAreMergedAsKubectlMergesThemTheFirstToNameAnEntryWinning() throws IOException {
        Path first = file("a", """
                clusters: [{name: c, cluster: {server: https://first:1}}]
                users: [{name: u, user: {token: one}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                """);
        Path second = file("b", """
                clusters: [{name: c, cluster: {server: https://second:1}}, {name: d, cluster: {server: https://d:1}}]
                users: [{name: u, user: {token: two}}]
                contexts: [{name: y, context: {cluster: d, user: u}}]
                current-context: y
                """);

        ClientConfig config = ClientConfig.load(Map.of("KUBECONFIG", first + ":" + second), dir);

        assertThat(config.server()).isEqualTo(URI.create("https://d:1"));
        assertThat(config.token()).isEqualTo("one");
        assertThat(ClientConfig.load(Map.of("KUBECONFIG", first + ":" + second), dir, "x").server())
                .isEqualTo(URI.create("https://first:1"));
        assertThat(ClientConfig.locations(Map.of("KUBECONFIG", first + ":" + second), dir)).isEqualTo(List.of(first, second));
    }

    @Test
    void orcConfigWinsOverKubeconfigWhichWinsOverHome() {
        assertThat(ClientConfig.location(Map.of("ORC_CONFIG", "/x", "KUBECONFIG", "/y"), dir)).isEqualTo(Path.of("/x"));
        assertThat(ClientConfig.location(Map.of("KUBECONFIG", "/y:/z"), dir)).isEqualTo(Path.of("/y"));
        assertThat(ClientConfig.location(Map.of(), dir)).isEqualTo(dir.resolve(".orc/config"));
    }

    @Test
    void embeddedCaDataIsRefusedWithWhatToDoInstead() throws IOException {
        Path file = file("config", """
                clusters: [{name: c, cluster: {server: https://a:1, certificate-authority-data: LS0t}}]
                contexts: [{name: x, context: {cluster: c}}]
                current-context: x
                """);

        assertThatThrownBy(() -> ClientConfig.read(file)).hasMessageContaining("certificate-authority-data")
                .hasMessageContaining("certificate-authority");
    }
}
