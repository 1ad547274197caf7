package dev.orc.reconciler.apiserver.http;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * What the server trusts when it calls a node's endpoints over TLS: a certificate the cluster CA issued, for that
 * node ({@code CN=system:node:NAME}, as {@link NodeCertificates} issues it). The node's address is not what is checked:
 * a node writes its own address, so a certificate bound to an address would let one node that claims another's
 * address pass for it; the name is what the CA vouched for.
 */
final class NodeTrust {
    private final X509TrustManager issuedByTheCa;

    NodeTrust(X509Certificate ca) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("orc-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            this.issuedByTheCa = (X509TrustManager) factory.getTrustManagers()[0];
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot trust the cluster CA: " + e.getMessage(), e);
        }
    }

    /** A TLS context that accepts only {@code nodeName}'s certificate. */
    SSLContext forNode(String nodeName) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {new OneNode(nodeName)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS to node " + nodeName + ": " + e.getMessage(), e);
        }
    }

    /** Checks that {@code chain} was issued by the cluster CA for {@code nodeName}. */
    void check(String nodeName, X509Certificate[] chain, String authType) throws CertificateException {
        issuedByTheCa.checkServerTrusted(chain, authType);
        String subject = chain[0].getSubjectX500Principal().getName();
        String expected = "CN=" + NodeCertificates.userName(nodeName);
        if (!subject.equals(expected) && !subject.startsWith(expected + ",")) {
            throw new CertificateException("the endpoint of node \"" + nodeName + "\" presented a certificate for "
                    + subject + ", not for " + NodeCertificates.userName(nodeName));
        }
    }

    private final class OneNode extends X509ExtendedTrustManager {
        private final String nodeName;

        OneNode(String nodeName) {
            this.nodeName = nodeName;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(nodeName, chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(nodeName, chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(nodeName, chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the server does not take client certificates from nodes");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("the server does not take client certificates from nodes");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("the server does not take client certificates from nodes");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return issuedByTheCa.getAcceptedIssuers();
        }
    }
}
