package dev.orc.reconciler.store.etcd;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test CA with an etcd serving certificate for 127.0.0.1 and a client certificate, made with openssl in
 * {@code dir}. Without etcd or openssl the test is skipped, or fails in CI, which has both.
 */
record EtcdTestCertificates(Path ca, Path serverCertificate, Path serverKey, Path clientCertificate, Path clientKey) {
    static EtcdTestCertificates create(Path dir) throws IOException, InterruptedException {
        requireTool(LocalEtcd.findBinary() != null, "etcd");
        requireTool(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=orc test CA");
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr", "-subj", "/CN=orc");
        openssl(dir, "x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "client.pem", "-days", "2", "-extfile", "client.ext");
        return new EtcdTestCertificates(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"),
                dir.resolve("client.pem"), dir.resolve("client.key"));
    }

    /** etcd's TLS settings for these certificates. */
    LocalEtcdTls serving() {
        return new LocalEtcdTls(ca, serverCertificate, serverKey);
    }

    private static void requireTool(boolean present, String tool) {
        String why = tool + " is not installed; the etcd TLS tests need it";
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why);
        }
        Assumptions.assumeTrue(present, why);
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        assertThat(p.exitValue()).as("openssl " + String.join(" ", args)).isZero();
    }
}
