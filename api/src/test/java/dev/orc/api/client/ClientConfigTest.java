package dev.orc.api.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientConfigTest {
    @TempDir
    Path home;

    private Path writeConfig(String text) throws IOException {
        Path file = home.resolve(".orc/config");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsTheHomeConfigWithTheCaRelativeToIt() throws IOException {
        writeConfig("server: https://10.0.0.1:6443\ntoken: t0k\ncertificateAuthority: ca.pem\nnamespace: shop\n");
        ClientConfig config = ClientConfig.load(Map.of(), home);
        assertThat(config.server()).isEqualTo(URI.create("https://10.0.0.1:6443"));
        assertThat(config.token()).isEqualTo("t0k");
        assertThat(config.certificateAuthority()).isEqualTo(home.resolve(".orc/ca.pem").toAbsolutePath());
        assertThat(config.namespaceOrDefault()).isEqualTo("shop");
    }

    @Test
    void noConfigFileMeansNothingConfiguredAndTheDefaultNamespace() {
        ClientConfig config = ClientConfig.load(Map.of(), home);
        assertThat(config).isEqualTo(ClientConfig.empty());
        assertThat(config.namespaceOrDefault()).isEqualTo("default");
    }

    @Test
    void envOrcConfigNamesAnotherFileAndOrcServerOverridesItsServer() throws IOException {
        Path other = home.resolve("elsewhere.yaml");
        Files.writeString(other, "server: https://a:1\ntoken: x\n");
        ClientConfig config = ClientConfig.load(Map.of("ORC_CONFIG", other.toString(), "ORC_SERVER", "b:2"), home);
        assertThat(config.server()).isEqualTo(URI.create("https://b:2"));
        assertThat(config.token()).isEqualTo("x");
    }

    @Test
    void flagsOverrideTheFile() throws IOException {
        writeConfig("server: https://a:1\nnamespace: shop\n");
        ClientConfig config = ClientConfig.load(Map.of(), home).withServer("http://127.0.0.1:8080").withNamespace("ops");
        assertThat(config.server()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(config.namespace()).isEqualTo("ops");
    }

    @Test
    void theServersLocalSocketReadsBackAndIsDroppedForAnotherServerOrWhenSwitchedOff() throws IOException {
        Path file = home.resolve(".orc/config");
        Files.createDirectories(file.getParent());
        new ClientConfig(List.of(URI.create("https://127.0.0.1:6443")), "t", null, "default", home.resolve("api.sock"))
                .write(file);

        assertThat(ClientConfig.load(Map.of(), home).localSocket()).isEqualTo(home.resolve("api.sock").toAbsolutePath());
        assertThat(Files.readString(file)).contains("name: orc.dev/local-socket", "path: " + home.resolve("api.sock"));
        assertThat(ClientConfig.load(Map.of("ORC_LOCAL_SOCKET", "off"), home).localSocket()).isNull();
        assertThat(ClientConfig.load(Map.of("ORC_SERVER", "https://127.0.0.1:6443"), home).localSocket()).isNull();
        assertThat(ClientConfig.load(Map.of(), home).withServer("https://10.0.0.2:6443").localSocket()).isNull();
        assertThat(ClientConfig.load(Map.of(), home).withNamespace("ops").localSocket()).isNotNull();
    }

    @Test
    void anUnknownFieldIsNamed() throws IOException {
        Path file = writeConfig("server: https://a:1\ntokn: x\n");
        assertThatThrownBy(() -> ClientConfig.load(Map.of(), home))
                .hasMessage("client config " + file + ": unknown field \"tokn\" (a kubeconfig has apiVersion, kind, "
                        + "clusters, users, contexts and current-context)");
    }

    @Test
    void aBadServerAddressIsQuoted() {
        assertThatThrownBy(() -> ClientConfig.empty().withServer("ftp://x"))
                .hasMessage("invalid server address \"ftp://x\": expected a URL like https://127.0.0.1:6443");
    }

    @Test
    void writtenConfigReadsBackAndOnlyItsOwnerCanReadIt() throws IOException {
        Path file = home.resolve("sub/config");
        ClientConfig written = new ClientConfig(URI.create("https://127.0.0.1:6443"), "secret", home.resolve("ca.pem"),
                "default");
        written.write(file);
        assertThat(ClientConfig.read(file)).isEqualTo(written);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theTokenNeverShowsInToString() {
        assertThat(ClientConfig.empty().withToken("secret").toString()).doesNotContain("secret");
    }
}
