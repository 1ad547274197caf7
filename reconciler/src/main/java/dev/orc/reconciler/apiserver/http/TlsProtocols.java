package dev.orc.reconciler.apiserver.http;

import dev.orc.reconciler.apiserver.auth.TlsIdentity;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The protocols the API serves over TLS, chosen by ALPN: HTTP/2 for a client that offers {@code h2} (a browser then
 * holds all of a dashboard's watches as streams of one connection, not six connections and a queue), HTTP/1.1 for
 * one that does not, and for the WebSocket upgrades of exec, attach and port-forward, which kubectl, fabric8 and
 * the JDK's client make over HTTP/1.1.
 */
public final class TlsProtocols {
    /**
     * HTTP/1.1 as ALPN names it; ALPN matches names exactly, so the connection factory's own name ("HTTP/1.1")
     * would refuse every client that offers only HTTP/1.1 (Jetty finds the factory by either).
     */
    private static final String ALPN_HTTP_1_1 = "http/1.1";
    private TlsProtocols() {
    }

    /** The connection factories of a listener serving {@code identity}'s certificate, TLS first. */
    public static ConnectionFactory[] factories(TlsIdentity identity, HttpConfiguration http) {
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer(false));
        HttpConnectionFactory http1 = new HttpConnectionFactory(https);
        HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(https);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(http2.getProtocol(), ALPN_HTTP_1_1);
        alpn.setDefaultProtocol(ALPN_HTTP_1_1);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(identity.keyStore());
        ssl.setKeyStorePassword(new String(TlsIdentity.KEYSTORE_PASSWORD));
        ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
        ssl.setUseCipherSuitesOrder(true);
        return new ConnectionFactory[]{new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, http2, http1};
    }
}
