package dev.orc.reconciler.apiserver;

import dev.orc.reconciler.apiserver.auth.TlsIdentity;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecurityTest {
    @TempDir
    Path dataDir;

    private Store store;
    private ApiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private ApiServer start(ApiServerConfig config) {
        server = ApiServer.start(config);
        return server;
    }

    @Test
    void firstStartGeneratesATokenAndCertificatesAndTheClientTrustsThem() throws Exception {
        ServerFiles files = ServerFiles.prepare(dataDir, List.of("localhost", "127.0.0.1"), Instant.now());
        store = SqliteStore.open(dataDir);
        start(ApiServerConfig.of("127.0.0.1", 0, store).withTls(files.tlsIdentity())
                .withAuthenticator(TokenAuthenticator.fromFile(files.tokenFile())));
        HttpClient tls = HttpClient.newBuilder().sslContext(trusting(files.caCertificate())).build();

        assertThat(server.url().getScheme()).isEqualTo("https");
        assertThat(new ApiClient(tls, server.url(), files.adminToken()).get("/api/v1/namespaces/default").code())
                .isEqualTo(200);
        assertThat(new ApiClient(tls, server.url(), null).get("/api/v1/namespaces/default").code()).isEqualTo(401);
        assertThat(files.adminToken()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void aSecondStartKeepsTheTokenAndCertificates() throws Exception {
        ServerFiles first = ServerFiles.prepare(dataDir, List.of("localhost"), Instant.now());
        String certificate = Files.readString(first.serverCertificate());

        ServerFiles second = ServerFiles.prepare(dataDir, List.of("localhost"), Instant.now());

        assertThat(second.adminToken()).isEqualTo(first.adminToken());
        assertThat(Files.readString(second.serverCertificate())).isEqualTo(certificate);
    }

    @Test
    void requestsWithoutAValidTokenAreUnauthorizedButHealthIsPublic() {
        store = SqliteStore.open(dataDir);
        start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(new TokenAuthenticator(java.util.Map.of("good", "admin"))));

        ApiClient.Response none = new ApiClient(server.url(), null).get("/api/v1/pods");
        ApiClient.Response wrong = new ApiClient(server.url(), "bad").get("/api/v1/pods");

        assertThat(none.code()).isEqualTo(401);
        assertThat(none.body().get("reason").asText()).isEqualTo("Unauthorized");
        assertThat(wrong.code()).isEqualTo(401);
        assertThat(new ApiClient(server.url(), "good").get("/api/v1/pods").code()).isEqualTo(200);
        assertThat(new ApiClient(server.url(), null).get("/healthz").body().asText()).isEqualTo("ok");
        assertThat(new ApiClient(server.url(), null).get("/readyz").code()).isEqualTo(200);
    }

    @Test
    void readinessWithoutATokenSaysTheStoreIsUnavailableWithoutItsError() {
        store = SqliteStore.open(dataDir);
        start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(new TokenAuthenticator(java.util.Map.of("good", "admin"))));
        store.close();

        ApiClient.Response ready = new ApiClient(server.url(), null).get("/readyz");

        assertThat(ready.code()).isEqualTo(503);
        assertThat(ready.body().asText()).isEqualTo("store unavailable");
    }

    @Test
    void servingWithoutAuthenticationIsRefusedOffLoopback() {
        store = SqliteStore.open(dataDir);

        assertThatThrownBy(() -> start(ApiServerConfig.of("0.0.0.0", 0, store)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--insecure-localhost");
    }

    @Test
    void theTokenFileTakesBareTokensTokenUserPairsAndKubernetesColumns() throws Exception {
        Path file = dataDir.resolve("tokens");
        Files.writeString(file, "# comment\nabc-token\n\ndef-token,alice\nghi-token,bob,1001,\"team-a, developers\"\n");

        TokenAuthenticator tokens = TokenAuthenticator.fromFile(file);

        assertThat(tokens.authenticate("Bearer abc-token")).isPresent();
        assertThat(tokens.authenticate("Bearer def-token").orElseThrow().name()).isEqualTo("alice");
        assertThat(tokens.authenticate("Bearer ghi-token")).hasValue(new dev.orc.reconciler.apiserver.auth.UserInfo("bob",
                "1001", java.util.List.of("team-a", "developers", "system:authenticated")));
        assertThat(tokens.authenticate("Bearer xyz-token")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
    }

    @Test
    void aTokenFileWithAnEmptyOrShortTokenIsRefusedNamingTheLine() throws Exception {
        Path empty = dataDir.resolve("empty");
        Files.writeString(empty, "good-token,admin\n,mallory\n");
        Path shortToken = dataDir.resolve("short");
        Files.writeString(shortToken, "# tokens\nabc,alice\n");

        assertThatThrownBy(() -> TokenAuthenticator.fromFile(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the token file " + empty + ", line 2: the token is empty");
        assertThatThrownBy(() -> TokenAuthenticator.fromFile(shortToken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the token file " + shortToken + ", line 2: the token is shorter than 8 characters");
    }

    @Test
    void anEmptyBearerTokenNeverAuthenticates() {
        TokenAuthenticator tokens = new TokenAuthenticator(java.util.Map.of("", "nobody"));

        assertThat(tokens.authenticate("Bearer ")).isEmpty();
        assertThat(tokens.authenticate("Bearer")).isEmpty();
    }

    @Test
    void clientConfigNamesServerTokenCaAndNamespace() throws Exception {
        Path config = dataDir.resolve("client.yaml");

        ServerFiles.writeClientConfig(config, "orc", new dev.orc.api.client.ClientConfig(
                java.net.URI.create("https://127.0.0.1:6443"), "tok", dataDir.resolve("ca.crt"), "default"));

        assertThat(dev.orc.api.client.ClientConfig.read(config)).isEqualTo(new dev.orc.api.client.ClientConfig(
                java.net.URI.create("https://127.0.0.1:6443"), "tok", dataDir.resolve("ca.crt"), "default"));
        assertThat(Files.readString(config)).contains("current-context: orc", "certificate-authority: " + dataDir.resolve("ca.crt"));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-------");
    }

    static SSLContext trusting(Path caFile) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        X509Certificate ca = TlsIdentity.readCertificates(caFile).get(0);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
