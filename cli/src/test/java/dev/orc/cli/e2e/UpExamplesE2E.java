package dev.orc.cli.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's "done when": {@code orc up} with nothing but its bundled examples serves the example web app through its
 * ingress on {@code web.localhost}, over HTTP and over HTTPS with the examples' demo certificate, with nothing applied
 * by hand. The ingress listens on free ports rather than 80 and 443, which other tests and services may hold.
 */
class UpExamplesE2E {
    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final Pattern CERTIFICATE = Pattern.compile("tls\\.crt: (\\S+)");

    @TempDir
    static Path dir;
    private static E2ECluster cluster;
    private static int http;
    private static int https;

    @BeforeAll
    static void up() throws IOException {
        DockerHost.require();
        http = freePort();
        https = freePort();
        cluster = E2ECluster.up(dir, "UpExamplesE2E", "--ingress-http-port", String.valueOf(http),
                "--ingress-https-port", String.valueOf(https));
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theBundledIngressServesTheWebAppOverHttpAndHttps() throws Exception {
        try (IngressClient plain = IngressClient.plain();
             IngressClient trusting = IngressClient.trusting(exampleCertificate())) {
            cluster.await("web.localhost served by the example app over HTTP", SETTLE, () ->
                    assertThat(plain.get("http://web.localhost:" + http + "/")).startsWith("200 ")
                            .contains("orc web version 1"));
            IngressClient.Answer secure = trusting.answer("https://web.localhost:" + https + "/");
            assertThat(secure.text()).startsWith("200 ").contains("orc web version 1");
        }
        assertThat(cluster.orc("get", "ingress", "web").succeeded().out()).containsPattern("web\\s+orc\\s+web.localhost");
    }

    /** The demo certificate of {@code examples/ingress.yaml}, from its Secret. */
    private static X509Certificate exampleCertificate() throws IOException, CertificateException {
        Matcher base64 = CERTIFICATE.matcher(Files.readString(OrcJar.repository().resolve("examples/ingress.yaml")));
        assertThat(base64.find()).as("examples/ingress.yaml has a tls.crt").isTrue();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64.group(1))));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
