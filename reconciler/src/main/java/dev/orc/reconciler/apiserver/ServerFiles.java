package dev.orc.reconciler.apiserver;

import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.Kubeconfig;

import dev.orc.api.json.Json;
import dev.orc.reconciler.apiserver.auth.CertificateAuthority;
import dev.orc.reconciler.apiserver.auth.TlsIdentity;
import dev.orc.reconciler.apiserver.auth.UserInfo;
import dev.orc.reconciler.store.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@code orc server} keeps in its data directory besides the store: the token file (an admin token
 * generated on first start), a self-signed CA and the serving certificate it issued, and the client
 * configuration that tells the CLI where the server is and how to trust it.
 */
public record ServerFiles(Path tokenFile, Path caCertificate, Path serverCertificate, Path serverKey, String adminToken) {
    /** The admin's columns in the token file after its token: user, uid and groups, as Kubernetes' file has them. */
    private static final String ADMIN_COLUMNS = "admin,admin,\"" + UserInfo.MASTERS + "\"";
    /** Files under the data directory, relative to it. */
    public static final String TOKENS = "tokens.csv";
    public static final String CA_CERTIFICATE = "pki/ca.crt";
    public static final String CA_KEY = "pki/ca.key";

    /**
     * Creates whatever is missing under {@code dataDir}; keeps what an earlier start created, but for a serving
     * certificate that does not name every one of {@code hosts}, which is issued again.
     */
    public static ServerFiles prepare(Path dataDir, List<String> hosts, Instant now) {
        try {
            CertificateAuthority ca = prepareShared(dataDir, now);
            Path tokens = dataDir.resolve(TOKENS);
            Path pki = dataDir.resolve("pki");
            Path serverCert = pki.resolve("server.crt");
            Path serverKey = pki.resolve("server.key");
            if (!Files.exists(serverCert) || !Files.exists(serverKey) || !names(serverCert).containsAll(hosts.stream().map(ServerFiles::normalized).toList())) {
                CertificateAuthority.Issued serving = ca.issueServing("orc-server", hosts, now);
                writePrivate(serverKey, CertificateAuthority.pemPrivateKey(serving.keys().getPrivate()));
                Files.writeString(serverCert, CertificateAuthority.pem(serving.certificate()));
            }
            return new ServerFiles(tokens, dataDir.resolve(CA_CERTIFICATE), serverCert, serverKey, adminToken(tokens));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The DNS names and IP addresses a serving certificate is valid for; none when it cannot be read (so it is
     * issued again).
     */
    private static Set<String> names(Path certificate) {
        Set<String> names = new HashSet<>();
        try {
            Collection<List<?>> alternatives = TlsIdentity.readCertificates(certificate).getFirst()
                    .getSubjectAlternativeNames();
            if (alternatives != null) {
                alternatives.forEach(name -> names.add(normalized(String.valueOf(name.get(1)))));
            }
        } catch (IOException | GeneralSecurityException e) {
            return Set.of();
        }
        return names;
    }

    /** A name as written, an IP address in one spelling ({@code ::1} and {@code 0:0:0:0:0:0:0:1} alike). */
    private static String normalized(String host) {
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return host.toLowerCase(Locale.ROOT);
        }
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            return host;
        }
    }

    /**
     * Creates what every server of a cluster shares, where missing: the token file with an admin token, and the CA
     * ({@link #CA_CERTIFICATE}, {@link #CA_KEY}) that issues each server's serving certificate. Returns the CA.
     */
    public static CertificateAuthority prepareShared(Path dataDir, Instant now) throws IOException {
        PrivateFiles.createDirectories(dataDir.resolve("pki"));
        Path tokens = dataDir.resolve(TOKENS);
        if (!Files.exists(tokens)) {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            writePrivate(tokens, HexFormat.of().formatHex(secret) + "," + ADMIN_COLUMNS + "\n");
        } else {
            grantAdminItsGroup(tokens);
        }
        Path caCert = dataDir.resolve(CA_CERTIFICATE);
        Path caKey = dataDir.resolve(CA_KEY);
        if (Files.exists(caCert) && Files.exists(caKey)) {
            return CertificateAuthority.load(caCert, caKey);
        }
        CertificateAuthority ca = CertificateAuthority.create("orc-ca", now);
        writePrivate(caKey, CertificateAuthority.pemPrivateKey(ca.keys().getPrivate()));
        Files.writeString(caCert, CertificateAuthority.pem(ca.certificate()));
        Files.deleteIfExists(dataDir.resolve("pki/server.crt"));
        Files.deleteIfExists(dataDir.resolve("pki/server.key"));
        return ca;
    }

    /** The cluster CA, which also signs the server's requests to node endpoints and issues nodes' certificates. */
    public CertificateAuthority ca() {
        return CertificateAuthority.load(caCertificate, caCertificate.resolveSibling("ca.key"));
    }

    public TlsIdentity tlsIdentity() {
        return TlsIdentity.fromPem(serverCertificate, serverKey);
    }

    /**
     * Writes the CLI's configuration, a kubeconfig whose context {@code context} (also the current one) holds
     * {@code config}: the server's URL, the token, CA file and local socket (each omitted when null) and the namespace.
     */
    public static void writeClientConfig(Path file, String context, ClientConfig config) {
        try {
            if (file.getParent() != null) {
                PrivateFiles.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the client configuration " + file + ": "
                    + e.getMessage(), e);
        }
        Kubeconfig.empty().withContext(context, config).withCurrentContext(context).write(file);
    }

    /**
     * A token file written before RBAC names the admin without groups ({@code token,admin}); the admin becomes a
     * member of {@code system:masters}, as a new file has it, so that an upgrade does not lock it out.
     */
    private static void grantAdminItsGroup(Path tokens) throws IOException {
        List<String> lines = Files.readAllLines(tokens, StandardCharsets.UTF_8);
        List<String> upgraded = lines.stream().map(line -> {
            String[] fields = line.trim().split(",");
            return fields.length == 2 && fields[1].trim().equals("admin") ? fields[0].trim() + "," + ADMIN_COLUMNS : line;
        }).toList();
        if (!upgraded.equals(lines)) {
            writePrivate(tokens, String.join("\n", upgraded) + "\n");
        }
    }

    private static String adminToken(Path tokens) throws IOException {
        for (String line : Files.readAllLines(tokens, StandardCharsets.UTF_8)) {
            String[] fields = line.trim().split(",");
            if (!fields[0].isEmpty() && !fields[0].startsWith("#") && (fields.length == 1 || fields[1].trim().equals("admin"))) {
                return fields[0].trim();
            }
        }
        throw new IOException("the token file " + tokens + " holds no admin token");
    }

    private static void writePrivate(Path file, String content) throws IOException {
        PrivateFiles.write(file, content);
    }
}
