package dev.orc.reconciler.join;

import dev.orc.reconciler.apiserver.ServerFiles;
import dev.orc.reconciler.apiserver.auth.TlsIdentity;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.encryption.EncryptionKeys;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterJoinTest {
    private static final List<String> SHARED = List.of(ServerFiles.TOKENS, ServerFiles.CA_CERTIFICATE, ServerFiles.CA_KEY,
            EncryptionKeys.FILE);

    @TempDir
    Path dir;
    private Store store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("store"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theFirstServerCreatesTheSharedFilesAndALaterOneWithTheSameTokenGetsTheSame() throws Exception {
        assertThat(ClusterJoin.join(store, "s3cret-cluster-token", dir.resolve("a"), Instant.now())).isEqualTo(ClusterJoin.Outcome.CREATED);
        assertThat(ClusterJoin.join(store, "s3cret-cluster-token", dir.resolve("b"), Instant.now())).isEqualTo(ClusterJoin.Outcome.JOINED);

        for (String file : SHARED) {
            assertThat(dir.resolve("b").resolve(file)).as(file).hasSameTextualContentAs(dir.resolve("a").resolve(file));
        }
        String stored = new String(store.get(ClusterJoin.KEY).orElseThrow().value(), StandardCharsets.UTF_8);
        assertThat(stored).doesNotContain(Files.readString(dir.resolve("a").resolve(ServerFiles.TOKENS)).split(",")[0])
                .doesNotContain("PRIVATE KEY");
    }

    @Test
    void aWrongTokenIsRefusedClearlyAndChangesNothingHereOrInTheStore() {
        ClusterJoin.join(store, "s3cret-cluster-token", dir.resolve("a"), Instant.now());
        KeyValue before = store.get(ClusterJoin.KEY).orElseThrow();
        long revision = store.currentRevision();

        assertThatThrownBy(() -> ClusterJoin.join(store, "guessed-cluster-token", dir.resolve("c"), Instant.now()))
                .isInstanceOf(WrongClusterTokenException.class)
                .hasMessageContaining("cluster token does not match").hasMessageContaining("nothing was changed");

        assertThat(dir.resolve("c")).doesNotExist();
        assertThat(store.currentRevision()).isEqualTo(revision);
        assertThat(store.get(ClusterJoin.KEY).orElseThrow().modRevision()).isEqualTo(before.modRevision());
    }

    @Test
    void aServerThatRanAloneBeforeTakesTheClustersCaAndIssuesItsServingCertificateFromIt() throws Exception {
        ClusterJoin.join(store, "s3cret-cluster-token", dir.resolve("a"), Instant.now());
        Path b = dir.resolve("b");
        ServerFiles.prepare(b, List.of("127.0.0.1"), Instant.now());

        ClusterJoin.join(store, "s3cret-cluster-token", b, Instant.now());
        ServerFiles files = ServerFiles.prepare(b, List.of("127.0.0.1"), Instant.now());

        X509Certificate clusterCa = TlsIdentity.readCertificates(dir.resolve("a").resolve(ServerFiles.CA_CERTIFICATE)).getFirst();
        X509Certificate serving = TlsIdentity.readCertificates(files.serverCertificate()).getFirst();
        serving.verify(clusterCa.getPublicKey());
        assertThat(files.adminToken()).isEqualTo(ServerFiles.prepare(dir.resolve("a"), List.of("127.0.0.1"), Instant.now()).adminToken());
    }

    @Test
    void sealedSecretsOpenOnlyWithTheirToken() {
        byte[] sealed = TokenSealer.seal("one", "plain".getBytes(StandardCharsets.UTF_8));

        assertThat(TokenSealer.open("one", sealed)).asString(StandardCharsets.UTF_8).isEqualTo("plain");
        assertThatThrownBy(() -> TokenSealer.open("two", sealed)).isInstanceOf(WrongClusterTokenException.class);
    }

    @Test
    void aShortTokenIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> ClusterJoin.join(store, "s3cret", dir.resolve("a"), Instant.now()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the cluster token must be at least 16 characters, got 6");

        assertThat(store.get(ClusterJoin.KEY)).isEmpty();
        assertThat(dir.resolve("a")).doesNotExist();
    }
}
