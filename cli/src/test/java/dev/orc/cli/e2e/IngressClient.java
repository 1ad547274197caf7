package dev.orc.cli.e2e;

import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client of the ingress as a browser is of a load balancer: it asks for {@code http(s)://NAME:PORT/...} and sends
 * NAME as the Host and as the TLS server name, but connects to loopback whatever NAME is, so that no resolver is
 * involved and traffic stays on this machine. Over TLS it offers HTTP/2 and HTTP/1.1 by ALPN and trusts only the
 * certificate it is given, checking that it names the host.
 */
final class IngressClient implements AutoCloseable {
    private final HttpClient client;

    private IngressClient(HttpClient client) {
        this.client = client;
    }

    /** Plain HTTP/1.1, and HTTPS that trusts nothing. */
    static IngressClient plain() {
        return start(new SslContextFactory.Client());
    }

    /** HTTPS trusting exactly {@code certificate}, whose names must cover the host asked for. */
    static IngressClient trusting(X509Certificate certificate) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ingress", certificate);
            SslContextFactory.Client ssl = new SslContextFactory.Client();
            ssl.setTrustStore(store);
            return start(ssl);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static IngressClient start(SslContextFactory.Client ssl) {
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(ssl);
        HttpClient client = new HttpClient(new HttpClientTransportDynamic(connector,
                new ClientConnectionFactoryOverHTTP2.HTTP2(new HTTP2Client(connector)), HttpClientConnectionFactory.HTTP11));
        client.setFollowRedirects(false);
        client.setConnectTimeout(5000);
        client.setSocketAddressResolver((host, port, context, promise) -> promise.succeeded(List.of(loopback(host, port))));
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the ingress client: " + e.getMessage(), e);
        }
        return new IngressClient(client);
    }

    /** The loopback address under the name asked for, which the TLS handshake then sends and checks. */
    private static InetSocketAddress loopback(String host, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(host, new byte[]{127, 0, 0, 1}), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + host, e);
        }
    }

    /** "STATUS BODY" with the body stripped, or "failed: ..." when there is no answer. */
    String get(String url) {
        return answer(url).text();
    }

    /** The answer to {@code GET url}: its status, body and HTTP version. */
    Answer answer(String url) {
        try {
            ContentResponse response = client.newRequest(url).timeout(10, TimeUnit.SECONDS).send();
            return new Answer(response.getStatus(), response.getContentAsString().strip(), response.getVersion());
        } catch (Exception e) {
            return new Answer(-1, "failed: " + e, null);
        }
    }

    record Answer(int status, String body, HttpVersion version) {
        String text() {
            return status < 0 ? body : status + " " + body;
        }
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
