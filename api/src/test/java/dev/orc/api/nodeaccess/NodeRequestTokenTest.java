package dev.orc.api.nodeaccess;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NodeRequestTokenTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final String PATH = "/containerLogs/default/web/app?tailLines=5";

    @Test
    void aSignedRequestIsAcceptedForItsNodeAndPathUntilItExpires() throws Exception {
        KeyPair server = keys();
        String token = NodeRequestToken.of("n1", PATH, NOW).sign(server.getPrivate());

        assertThat(NodeRequestToken.verify(server.getPublic(), token, "n1", PATH, NOW.plusSeconds(29))).isTrue();
        assertThat(NodeRequestToken.verify(server.getPublic(), token, "n1", PATH, NOW.plus(NodeRequestToken.LIFETIME)))
                .as("expired").isFalse();
        assertThat(NodeRequestToken.verify(server.getPublic(), token, "n2", PATH, NOW)).as("another node").isFalse();
        assertThat(NodeRequestToken.verify(server.getPublic(), token, "n1", "/stats/summary", NOW)).as("another path")
                .isFalse();
    }

    @Test
    void aTokenSignedWithAnotherKeyOrTamperedWithIsRefused() throws Exception {
        KeyPair server = keys();
        String forged = NodeRequestToken.of("n1", PATH, NOW).sign(keys().getPrivate());
        String signed = NodeRequestToken.of("n1", PATH, NOW).sign(server.getPrivate());
        String tampered = "bjEKL3N0YXRzL3N1bW1hcnkKOTk5OTk5OTk5OQ" + signed.substring(signed.indexOf('.'));

        assertThat(NodeRequestToken.verify(server.getPublic(), forged, "n1", PATH, NOW)).isFalse();
        assertThat(NodeRequestToken.verify(server.getPublic(), tampered, "n1", "/stats/summary", NOW)).isFalse();
        assertThat(NodeRequestToken.verify(server.getPublic(), "an-admin-token", "n1", PATH, NOW)).isFalse();
        assertThat(NodeRequestToken.verify(server.getPublic(), "a.b.c", "n1", PATH, NOW)).isFalse();
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
