package dev.orc.reconciler.apiserver.auth;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The server's TLS key and certificate chain, read from PEM files. */
public record TlsIdentity(PrivateKey key, List<X509Certificate> chain) {
    public static final char[] KEYSTORE_PASSWORD = "orc".toCharArray();

    public TlsIdentity {
        chain = List.copyOf(chain);
    }

    public static TlsIdentity fromPem(Path certificateFile, Path keyFile) {
        try {
            return new TlsIdentity(readKey(keyFile), readCertificates(certificateFile));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the TLS identity from " + certificateFile + " and " + keyFile
                    + ": " + e.getMessage(), e);
        }
    }

    /** An in-memory key store holding the identity under the alias {@code server}. */
    public KeyStore keyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, KEYSTORE_PASSWORD, chain.toArray(Certificate[]::new));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS key store: " + e.getMessage(), e);
        }
    }

    public static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + file);
        }
        return certificates;
    }

    private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
        try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
            Object item = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (item instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (item instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new GeneralSecurityException("no private key in " + file);
        }
    }
}
