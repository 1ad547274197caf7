package dev.orc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/** What {@code orc node} reads to prove itself and to know its server: its token file and the cluster CA. */
final class NodeCredentials {
    private NodeCredentials() {
    }

    /** The token in {@code file}: its first non-blank line, trimmed. */
    static String token(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the token file " + file + " is empty"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The public key of the CA certificate in {@code file}, which the server's requests to the node are signed with. */
    static PublicKey caKey(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA certificate " + file + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the CA certificate " + file + " is not a PEM certificate: "
                    + e.getMessage(), e);
        }
    }
}
