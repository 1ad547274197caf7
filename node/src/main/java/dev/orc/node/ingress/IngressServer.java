package dev.orc.node.ingress;

import dev.orc.api.ingress.RouteTable;
import dev.orc.node.net.UnverifiedServers;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The node's ingress listener, on Netty: plain HTTP (HTTP/1.1, and HTTP/2 by prior knowledge) and TLS (HTTP/2 and
 * HTTP/1.1 chosen by ALPN, the certificate by SNI) in front of the proxy ({@link FrontendHandler},
 * {@link Exchange}), one access log line per request (logger {@value #ACCESS_LOG}, formatted only while that logger
 * is on, at INFO). As many event loops as cores: a client connection, its requests and their backend connections
 * are served by one loop's thread, with no hand-over between threads. {@link #apply} swaps the routes and keys in one
 * step: requests and handshakes that follow use the new ones, open connections stay open. A port that is taken falls
 * back to 8080 or 8443 with one line saying so; when the fallback is taken too, that listener is off, also said in
 * one line.
 */
public final class IngressServer implements AutoCloseable {
    public static final String ACCESS_LOG = "dev.orc.node.ingress.access";
    private static final Logger LOG = LoggerFactory.getLogger(IngressServer.class);

    private final EventLoopGroup loops;
    private final List<Channel> listeners;
    private final AtomicReference<Routing> routing;
    private final ServingTls tls;
    private final int httpPort;
    private final int httpsPort;

    private IngressServer(EventLoopGroup loops, List<Channel> listeners, AtomicReference<Routing> routing,
                          ServingTls tls, int httpPort, int httpsPort) {
        this.loops = loops;
        this.listeners = listeners;
        this.routing = routing;
        this.tls = tls;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    public static IngressServer start(IngressConfig config) {
        AtomicReference<Routing> routing = new AtomicReference<>(Routing.empty());
        ServingTls tls = new ServingTls();
        IngressTransport transport = IngressTransport.best();
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("orc-ingress", true), transport.handlers());
        List<Channel> listeners = new ArrayList<>();
        try {
            SslContext backendTls = new JdkSslContext(UnverifiedServers.context(), true, null,
                    IdentityCipherSuiteFilter.INSTANCE, ApplicationProtocolConfig.DISABLED, ClientAuth.NONE, null,
                    false);
            long idleMillis = config.idleTimeout().toMillis();
            int[] securePort = {-1};
            ProxyContext context = new ProxyContext(routing::get, config, () -> securePort[0], new AccessLog(),
                    new FastThreadLocal<>() {
                        @Override
                        protected BackendPool initialValue() {
                            return new BackendPool(backendTls, idleMillis, transport.connections());
                        }
                    });
            int plainPort = open(loops, transport, listeners, config, config.httpPort(),
                    IngressConfig.FALLBACK_HTTP_PORT, "HTTP", Pipelines.plain(context));
            securePort[0] = open(loops, transport, listeners, config, config.httpsPort(),
                    IngressConfig.FALLBACK_HTTPS_PORT, "HTTPS", Pipelines.tls(context, tls));
            LOG.info("ingress serving HTTP on {} and HTTPS on {} of {} (TLS through {}, sockets through {})",
                    plainPort < 0 ? "no port" : plainPort, securePort[0] < 0 ? "no port" : securePort[0],
                    String.join(", ", config.bindAddresses()), tls.engine(), transport.name());
            return new IngressServer(loops, listeners, routing, tls, plainPort, securePort[0]);
        } catch (RuntimeException e) {
            stop(loops, listeners);
            throw new IllegalStateException("the ingress could not start: " + e.getMessage(), e);
        }
    }

    /**
     * Listeners on {@code port} of every address, else on {@code fallback}, else none, each step said in one line;
     * returns the port served, -1 for none.
     */
    private static int open(EventLoopGroup loops, IngressTransport transport, List<Channel> listeners,
                            IngressConfig config, int port, int fallback, String what,
                            ChannelInitializer<SocketChannel> pipeline) {
        int served = bindAll(loops, transport, listeners, config, port, pipeline);
        if (served >= 0) {
            return served;
        }
        if (port != fallback && port != 0) {
            served = bindAll(loops, transport, listeners, config, fallback, pipeline);
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
    private static int bindAll(EventLoopGroup loops, IngressTransport transport, List<Channel> listeners,
                               IngressConfig config, int port, ChannelInitializer<SocketChannel> pipeline) {
        List<Channel> opened = new ArrayList<>();
        int actual = port;
        for (String address : config.bindAddresses()) {
            ServerBootstrap bootstrap = new ServerBootstrap().group(loops).channel(transport.listeners())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(pipeline);
            try {
                Channel listener = bootstrap.bind(address, actual).sync().channel();
                opened.add(listener);
                actual = ((InetSocketAddress) listener.localAddress()).getPort();
            } catch (Exception e) {
                LOG.debug("binding {}:{} failed", address, actual, e);
                opened.forEach(Channel::close);
                return -1;
            }
        }
        listeners.addAll(opened);
        return actual;
    }

    /** Serves {@code routes} from now on, with the keys of the TLS Secrets that could be read. */
    public void apply(RouteTable routes, Map<String, TlsKeys> secrets) {
        tls.apply(routes, secrets);
        routing.set(new Routing(routes, new RoundRobin()));
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
        stop(loops, listeners);
    }

    private static void stop(EventLoopGroup loops, List<Channel> listeners) {
        listeners.forEach(listener -> listener.close().syncUninterruptibly());
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
