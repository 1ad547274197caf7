package dev.orc.node.ingress;

import dev.orc.api.ingress.RouteTable;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The node's ingress listener: Jetty with plain HTTP (HTTP/1.1 and h2c) and TLS (HTTP/2 and HTTP/1.1 chosen by
 * ALPN, the certificate by SNI) in front of {@link IngressProxy}, one access log line per request (logger
 * {@value #ACCESS_LOG}, formatted only while that logger is on, at INFO). {@link #apply} swaps the routes and keys in one step: requests and handshakes that follow
 * use the new ones, open connections stay open. A port that is taken falls back to 8080 or 8443 with one line
 * saying so; when the fallback is taken too, that listener is off, also said in one line.
 */
public final class IngressServer implements AutoCloseable {
    public static final String ACCESS_LOG = "dev.orc.node.ingress.access";
    private static final Logger LOG = LoggerFactory.getLogger(IngressServer.class);

    private final Server server;
    private final AtomicReference<IngressProxy.Routing> routing;
    private final AtomicReference<SniKeyManager.Keys> keys;
    private final int httpPort;
    private final int httpsPort;

    private IngressServer(Server server, AtomicReference<IngressProxy.Routing> routing,
                          AtomicReference<SniKeyManager.Keys> keys, int httpPort, int httpsPort) {
        this.server = server;
        this.routing = routing;
        this.keys = keys;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    public static IngressServer start(IngressConfig config) {
        AtomicReference<IngressProxy.Routing> routing = new AtomicReference<>(
                new IngressProxy.Routing(RouteTable.EMPTY, new RoundRobin()));
        AtomicReference<SniKeyManager.Keys> keys = new AtomicReference<>(SniKeyManager.Keys.NONE);
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("orc-ingress");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        int plainPort = open(server, config, config.httpPort(), IngressConfig.FALLBACK_HTTP_PORT, "HTTP",
                () -> new ConnectionFactory[]{new HttpConnectionFactory(http),
                        withoutExtendedConnect(new HTTP2CServerConnectionFactory(http))});
        int securePort = open(server, config, config.httpsPort(), IngressConfig.FALLBACK_HTTPS_PORT, "HTTPS",
                () -> tls(http, keys));
        server.setHandler(new IngressProxy(routing::get, config, () -> securePort));
        Slf4jRequestLogWriter writer = new Slf4jRequestLogWriter();
        writer.setLoggerName(ACCESS_LOG);
        CustomRequestLog lines = new CustomRequestLog(writer, CustomRequestLog.EXTENDED_NCSA_FORMAT + " %{ms}T ms");
        server.addBean(lines);
        Logger access = LoggerFactory.getLogger(ACCESS_LOG);
        server.setRequestLog((request, response) -> {
            if (access.isInfoEnabled()) {
                lines.log(request, response);
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            stop(server);
            throw new IllegalStateException("the ingress could not start: " + e.getMessage(), e);
        }
        LOG.info("ingress serving HTTP on {} and HTTPS on {} of {}", plainPort < 0 ? "no port" : plainPort,
                securePort < 0 ? "no port" : securePort, String.join(", ", config.bindAddresses()));
        return new IngressServer(server, routing, keys, plainPort, securePort);
    }

    private static ConnectionFactory[] tls(HttpConfiguration http, AtomicReference<SniKeyManager.Keys> keys) {
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer(false));
        HttpConnectionFactory http1 = new HttpConnectionFactory(https);
        HTTP2ServerConnectionFactory http2 = withoutExtendedConnect(new HTTP2ServerConnectionFactory(https));
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http1.getProtocol());
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[]{new SniKeyManager(keys::get)}, null, null);
            ssl.setSslContext(context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM: " + e.getMessage(), e);
        }
        ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
        ssl.setUseCipherSuitesOrder(true);
        return new ConnectionFactory[]{new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, http2, http1};
    }

    /**
     * HTTP/2 without RFC 8441's extended CONNECT, which Jetty offers by default: WebSockets go through the ingress over
     * HTTP/1.1 only, and a browser that saw the offer would open them as CONNECT streams on its HTTP/2 connection.
     */
    private static <T extends AbstractHTTP2ServerConnectionFactory> T withoutExtendedConnect(T http2) {
        http2.setConnectProtocolEnabled(false);
        return http2;
    }

    /**
     * Listeners on {@code port} of every address, else on {@code fallback}, else none, each step said in one line;
     * returns the port served, -1 for none.
     */
    private static int open(Server server, IngressConfig config, int port, int fallback, String what,
                            Supplier<ConnectionFactory[]> factories) {
        int served = bindAll(server, config, port, factories);
        if (served >= 0) {
            return served;
        }
        if (port != fallback && port != 0) {
            served = bindAll(server, config, fallback, factories);
            if (served >= 0) {
                LOG.warn("ingress {} port {} is taken or not allowed; serving {} on {} instead", what, port, what,
                        fallback);
                return served;
            }
        }
        LOG.warn("ingress {} is off: port {} and its fallback {} are taken or not allowed", what, port, fallback);
        return -1;
    }

    /** One listener on {@code port} of each address (port 0: the port the first one got), or none at all. */
    private static int bindAll(Server server, IngressConfig config, int port, Supplier<ConnectionFactory[]> factories) {
        List<ServerConnector> opened = new ArrayList<>();
        int actual = port;
        for (String address : config.bindAddresses()) {
            ServerConnector connector = new ServerConnector(server, factories.get());
            connector.setHost(address);
            connector.setPort(actual);
            connector.setIdleTimeout(config.idleTimeout().toMillis());
            try {
                connector.open();
            } catch (IOException e) {
                LOG.debug("binding {}:{} failed", address, actual, e);
                opened.forEach(ServerConnector::close);
                return -1;
            }
            opened.add(connector);
            actual = connector.getLocalPort();
        }
        opened.forEach(server::addConnector);
        return actual;
    }

    /** Serves {@code routes} from now on, with the keys of the TLS Secrets that could be read. */
    public void apply(RouteTable routes, Map<String, TlsKeys> secrets) {
        keys.set(new SniKeyManager.Keys(routes, secrets));
        routing.set(new IngressProxy.Routing(routes, new RoundRobin()));
    }

    /** The plain HTTP port, -1 when that listener is off. */
    public int httpPort() {
        return httpPort;
    }

    /** The TLS port, -1 when that listener is off. */
    public int httpsPort() {
        return httpsPort;
    }

    @Override
    public void close() {
        stop(server);
    }

    private static void stop(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("stopping the ingress failed", e);
        }
    }
}
