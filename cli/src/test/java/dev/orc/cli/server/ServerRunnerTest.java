package dev.orc.cli.server;

import dev.orc.reconciler.store.sqlite.SqliteStore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.apiserver.auth.TlsIdentity;
import dev.orc.reconciler.apiserver.http.RequestLimits;
import dev.orc.reconciler.gitops.GitOpsPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerRunnerTest {
    @TempDir
    Path dir;

    @Test
    void startsOnTheEmbeddedStoreWithTlsAndWritesBothClientConfigs() throws Exception {
        Path config = dir.resolve("home/.orc/config");
        try (ServerRunner running = ServerRunner.start(new ServerOptions(null, "127.0.0.1:0", dir.resolve("data"), false,
                config))) {
            assertThat(running.server().url().getScheme()).isEqualTo("https");
            assertThat(Files.readString(config)).contains("token: ", "certificate-authority: ", running.server().url().toString());
            assertThat(dev.orc.api.client.ClientConfig.read(dir.resolve("data/client.yaml")))
                    .isEqualTo(dev.orc.api.client.ClientConfig.read(config));
            assertThat(dir.resolve("data/orc.db")).exists();
        }
    }

    @Test
    void aSecondServerAddsItsContextAndLeavesTheUsersCurrentContextAsItWas() throws Exception {
        Path config = dir.resolve("home/.orc/config");
        Files.createDirectories(config.getParent());
        String users = "server: https://192.0.2.1:6443\ntoken: the-users\n";
        Files.writeString(config, users);
        try (ServerRunner running = ServerRunner.start(new ServerOptions(null, "127.0.0.1:0", dir.resolve("data"), true,
                config))) {
            assertThat(running.clientConfig()).isEqualTo(dir.resolve("data/client.yaml"));
            assertThat(Files.readString(running.clientConfig())).contains(running.server().url().toString());
        }
        dev.orc.api.client.ClientConfig theirs = dev.orc.api.client.ClientConfig.read(config);
        assertThat(theirs.server()).isEqualTo(java.net.URI.create("https://192.0.2.1:6443"));
        assertThat(theirs.token()).isEqualTo("the-users");
        assertThat(dev.orc.api.client.Kubeconfig.read(config).contexts()).hasSize(2);
    }

    @Test
    void secretsAreStoredEncryptedAndReadBackPlain() throws Exception {
        Path data = dir.resolve("data");
        String secret = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\"},"
                + "\"stringData\":{\"password\":\"hunter2-plaintext\"}}";
        try (ServerRunner running = ServerRunner.start(new ServerOptions(null, "127.0.0.1:0", data, true,
                dir.resolve("config")))) {
            HttpClient http = HttpClient.newHttpClient();
            URI secrets = running.server().url().resolve("/api/v1/namespaces/default/secrets");
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(secrets)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(secret)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(secrets.resolve("secrets/db")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.body()).contains("\"password\":\"aHVudGVyMi1wbGFpbnRleHQ=\"").doesNotContain("stringData");
        }
        try (SqliteStore raw = SqliteStore.open(data)) {
            byte[] stored = raw.get("/registry/secrets/default/db").orElseThrow().value();
            assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .startsWith("orc:aesgcm:v1:").doesNotContain("aHVudGVyMi1wbGFpbnRleHQ=");
        }
    }

    @Test
    void insecureLocalhostServesPlainHttpWithoutAToken() throws Exception {
        try (ServerRunner running = ServerRunner.start(new ServerOptions(null, "127.0.0.1:0", dir, true,
                dir.resolve("config")))) {
            URI namespaces = running.server().url().resolve("/api/v1/namespaces/default");
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(namespaces).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Files.readString(dir.resolve("config"))).doesNotContain("token:");
        }
    }

    @Test
    void aStoreSpecificationThatIsNeitherSqliteNorEtcdIsRefusedClearly() {
        assertThatThrownBy(() -> StoreSpec.open("mysql://db", ClusterOptions.defaults()))
                .hasMessageContaining("--store must be sqlite:DIR or etcd://HOST:PORT");
    }

    @Test
    void listenWithoutAPortIsRefusedClearly() {
        assertThatThrownBy(() -> new ServerOptions(null, "localhost", dir, true, dir).port())
                .hasMessageContaining("--listen");
    }

    @Test
    void theAdvertisedAddressIsTheFlagsWhenGivenElseTheListenAddressUnlessLoopback() {
        assertThat(ServerRunner.advertiseAddress("192.0.2.7", "127.0.0.1")).contains("192.0.2.7");
        assertThat(ServerRunner.advertiseAddress(null, "192.0.2.8")).contains("192.0.2.8");
        assertThat(ServerRunner.advertiseAddress(null, "127.0.0.1")).isEmpty();
        for (String wrong : List.of("127.0.0.1", "0.0.0.0", "224.0.0.1", "10.0.0", "300.1.1.1", "10.0.0.1.2",
                "orc.example", "::1", "")) {
            assertThatThrownBy(() -> ServerRunner.advertiseAddress(wrong, "127.0.0.1")).as(wrong)
                    .hasMessageContaining("--advertise-address must be an IPv4 address that pods can reach, got \""
                            + wrong + "\"");
        }
    }

    @Test
    void theAdvertisedAddressIsTheKubernetesServicesEndpointAndInTheServingCertificate() throws Exception {
        ServerOptions options = new ServerOptions(null, "127.0.0.1:0", dir.resolve("data"), false, dir.resolve("config"),
                RequestLimits.defaults(), Optional.empty(), GitOpsPolicy.standard(), "192.0.2.9");
        try (ServerRunner running = ServerRunner.start(options)) {
            JsonNode endpoints = running.server().registry().get(ResourceTypes.ENDPOINTS, "default", "kubernetes");
            assertThat(endpoints.at("/subsets/0/addresses/0/ip").asText()).isEqualTo("192.0.2.9");
            assertThat(endpoints.at("/subsets/0/ports/0/port").asInt()).isEqualTo(running.server().port());
            X509Certificate serving = TlsIdentity.readCertificates(dir.resolve("data/pki/server.crt")).getFirst();
            assertThat(serving.getSubjectAlternativeNames()).extracting(name -> String.valueOf(name.get(1)))
                    .contains("192.0.2.9");
        }
    }
}
