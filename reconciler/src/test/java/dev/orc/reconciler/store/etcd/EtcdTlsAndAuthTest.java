package dev.orc.reconciler.store.etcd;

import dev.orc.reconciler.store.StoreException;
import io.etcd.jetcd.Auth;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        requireTool(LocalEtcd.findBinary() != null, "etcd");
        requireTool(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl");
        ca = dir.resolve("ca.pem");
        Path key = dir.resolve("server.key");
        Path cert = dir.resolve("server.pem");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=orc test CA");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr", "-subj", "/CN=orc");
        openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "client.pem", "-days", "2", "-extfile", "client.ext");
        etcd = LocalEtcd.start(dir.resolve("etcd"), new LocalEtcdTls(ca, cert, key));
        certificateEtcd = LocalEtcd.start(dir.resolve("etcd-certificates"),
                new LocalEtcdTls(ca, cert, key).requiringClientCertificates());
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

    private static void requireTool(boolean present, String tool) {
        String why = tool + " is not installed; the etcd TLS test needs it";
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why);
        }
        Assumptions.assumeTrue(present, why);
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        assertThat(p.exitValue()).as("openssl " + String.join(" ", args)).isZero();
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
