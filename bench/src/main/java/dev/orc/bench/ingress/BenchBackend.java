package dev.orc.bench.ingress;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;

/** The one backend every path leads to: Jetty on loopback answering every GET with the same small body, in the clear and over TLS. */
final class BenchBackend implements AutoCloseable {
    static final byte[] BODY = "hello from the bench backend\n".repeat(4).getBytes(StandardCharsets.US_ASCII);

    private final Server server;
    private final ServerConnector plain;
    private final ServerConnector secure;

    private BenchBackend(Server server, ServerConnector plain, ServerConnector secure) {
        this.server = server;
        this.plain = plain;
        this.secure = secure;
    }

    static BenchBackend start(KeyStore keys, char[] password) throws Exception {
        Server server = new Server();
        ServerConnector plain = new ServerConnector(server);
        plain.setHost("127.0.0.1");
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keys);
        tls.setKeyStorePassword(new String(password));
        ServerConnector secure = new ServerConnector(server, tls);
        secure.setHost("127.0.0.1");
        server.addConnector(plain);
        server.addConnector(secure);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, BODY.length);
                response.write(true, ByteBuffer.wrap(BODY), callback);
                return true;
            }
        });
        server.start();
        return new BenchBackend(server, plain, secure);
    }

    int port() {
        return plain.getLocalPort();
    }

    int tlsPort() {
        return secure.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
