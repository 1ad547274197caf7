package dev.orc.reconciler.store.etcd;

import dev.orc.reconciler.store.StoreException;
import io.etcd.jetcd.Auth;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An etcd of its own serving TLS with a test CA and requiring a password, as a production etcd would. */
class EtcdTlsAndAuthTest {
    private static final String PASSWORD = "s3cret-for-tests";

    @TempDir
    static Path dir;
    private static LocalEtcd etcd;
    private static LocalEtcd certificateEtcd;
    private static Path ca;

    @BeforeAll
    static void startSecuredEtcd() throws Exception {
        EtcdTestCertificates certificates = EtcdTestCertificates.create(dir);
        ca = certificates.ca();
        etcd = LocalEtcd.start(dir.resolve("etcd"), certificates.serving());
        certificateEtcd = LocalEtcd.start(dir.resolve("etcd-certificates"), certificates.serving().requiringClientCertificates());
        try (Client admin = EtcdStore.client(config())) {
            Auth auth = admin.getAuthClient();
            auth.roleAdd(bytes("root")).get(10, TimeUnit.SECONDS);
            auth.userAdd(bytes("root"), bytes(PASSWORD)).get(10, TimeUnit.SECONDS);
            auth.userGrantRole(bytes("root"), bytes("root")).get(10, TimeUnit.SECONDS);
            auth.authEnable().get(10, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
        if (certificateEtcd != null) {
            certificateEtcd.close();
        }
    }

    private static EtcdConfig config() {
        EtcdConfig plain = EtcdConfig.of(List.of(etcd.endpoint())).withTls(ca);
        return new EtcdConfig(plain.endpoints(), ca, null, null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @Test
    void theRightCaAndPasswordGiveAWorkingStore() {
        try (EtcdStore store = EtcdStore.open(config().withCredentials("root", PASSWORD))) {
            long revision = store.create("/secured/a", "over tls".getBytes(StandardCharsets.UTF_8), 0).modRevision();

            assertThat(store.get("/secured/a")).hasValueSatisfying(kv -> assertThat(kv.modRevision()).isEqualTo(revision));
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithEtcdsReason() {
        try (EtcdStore store = EtcdStore.open(config().withCredentials("root", "wrong"))) {
            assertThatThrownBy(() -> store.get("/secured/a"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("authentication failed");
        }
    }

    @Test
    void withoutCredentialsTheSecuredEtcdRefuses() {
        try (EtcdStore store = EtcdStore.open(config())) {
            assertThatThrownBy(() -> store.get("/secured/a")).isInstanceOf(StoreException.class);
        }
    }

    @Test
    void aClientCertificateSignedByTheCaIsAcceptedByAnEtcdThatRequiresOne() {
        EtcdConfig config = EtcdConfig.of(List.of(certificateEtcd.endpoint())).withTls(ca)
                .withClientCertificate(dir.resolve("client.pem"), dir.resolve("client.key"));
        try (EtcdStore store = EtcdStore.open(config)) {
            long revision = store.create("/certified/a", "by certificate".getBytes(StandardCharsets.UTF_8), 0).modRevision();

            assertThat(store.get("/certified/a")).hasValueSatisfying(kv -> assertThat(kv.modRevision()).isEqualTo(revision));
        }
    }

    @Test
    void withoutAClientCertificateAnEtcdThatRequiresOneRefuses() {
        EtcdConfig config = new EtcdConfig(List.of(certificateEtcd.endpoint()), ca, null, null, null, null,
                Duration.ofSeconds(3), Duration.ofSeconds(5));
        try (EtcdStore store = EtcdStore.open(config)) {
            assertThatThrownBy(() -> store.get("/certified/a")).isInstanceOf(StoreException.class);
        }
    }
}
