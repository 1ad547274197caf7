package dev.orc.node.stream;

import dev.orc.api.nodeaccess.NodeStreamEndpoint;
import dev.orc.api.stream.ExecOptions;
import dev.orc.api.stream.PortForwardFrames;
import dev.orc.api.stream.StreamProtocol;
import dev.orc.node.logs.ServerRequests;
import dev.orc.node.runtime.ContainerRuntime;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The agent's WebSocket endpoint for exec, attach and port-forward, which the API server's {@code pods/NAME/exec},
 * {@code attach} and {@code portforward} relay to: {@code /exec/NAMESPACE/POD?command=...},
 * {@code /attach/NAMESPACE/POD?...}, {@code /portForward/NAMESPACE/POD?ports=...}, each with the server's signature of
 * the exact request ({@link ServerRequests}) and one of the channel protocols ({@link StreamProtocol}).
 */
public final class StreamServer implements AutoCloseable {
    /** As the kubelet's default streaming idle timeout: a shell left open is not cut while its user thinks. */
    private static final Duration IDLE_TIMEOUT = Duration.ofHours(4);
    private static final long MAX_MESSAGE_BYTES = 1024 * 1024;

    private final Server server;
    private final ServerConnector connector;

    private StreamServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Listens over TLS ({@code tls}: the node's serving identity) on all addresses at a free port. The certificate
     * names the node, not an address, so the host a caller asks for is not checked against it: the API server checks
     * the name.
     */
    public static StreamServer start(ContainerRuntime runtime, String nodeName, ServerRequests access, SSLContext tls) {
        Server server = new Server();
        SslContextFactory.Server certificates = new SslContextFactory.Server();
        certificates.setSslContext(tls);
        HttpConfiguration http = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(certificates, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setPort(0);
        server.addConnector(connector);
        PodContainers pods = new PodContainers(runtime, nodeName);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(IDLE_TIMEOUT);
            container.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
            container.addMapping("/" + NodeStreamEndpoint.EXEC + "/*", (request, response, callback) ->
                    upgrade(access, request, response, callback, (target, protocol, query) -> {
                        ExecOptions options = ExecOptions.exec(query);
                        return new ExecStream(protocol, options, output -> runtime.execAttached(
                                pods.running(target.namespace(), target.pod(), options.container()), options.command(),
                                options.tty(), options.stdin(), output));
                    }));
            container.addMapping("/" + NodeStreamEndpoint.ATTACH + "/*", (request, response, callback) ->
                    upgrade(access, request, response, callback, (target, protocol, query) -> {
                        ExecOptions options = ExecOptions.attach(query);
                        return new ExecStream(protocol, options, output -> runtime.attach(
                                pods.running(target.namespace(), target.pod(), options.container()), options.stdin(),
                                output));
                    }));
            container.addMapping("/" + NodeStreamEndpoint.PORT_FORWARD + "/*", (request, response, callback) ->
                    upgrade(access, request, response, callback, (target, protocol, query) ->
                            new PortForwardStream(pods.address(target.namespace(), target.pod()),
                                    PortForwardFrames.ports(query))));
        }));
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen for exec and port-forward streams: " + e.getMessage(), e);
        }
        return new StreamServer(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The pod a stream is for: the two path segments after the endpoint's name. */
    private record Target(String namespace, String pod) {
        static Optional<Target> of(String path) {
            String[] parts = path.split("/");
            if (parts.length != 4) {
                return Optional.empty();
            }
            return Optional.of(new Target(decode(parts[2]), decode(parts[3])));
        }
    }

    @FunctionalInterface
    private interface Endpoint {
        Object open(Target target, StreamProtocol protocol, Map<String, List<String>> query);
    }

    private static Object upgrade(ServerRequests access, ServerUpgradeRequest request, ServerUpgradeResponse response,
                                  Callback callback, Endpoint endpoint) {
        if (!access.permits(request.getHeaders().get("Authorization"), request.getHttpURI().getPathQuery())) {
            Response.writeError(request, response, callback, 401, "only the API server may call this endpoint");
            return null;
        }
        Optional<Target> target = Target.of(request.getHttpURI().getPath());
        if (target.isEmpty()) {
            Response.writeError(request, response, callback, 404, "expected /ENDPOINT/NAMESPACE/POD");
            return null;
        }
        Optional<StreamProtocol> protocol = StreamProtocol.choose(request.getSubProtocols());
        if (protocol.isEmpty()) {
            Response.writeError(request, response, callback, 400, "the WebSocket subprotocol must be one of "
                    + StreamProtocol.V5.header() + ", " + StreamProtocol.V4.header());
            return null;
        }
        try {
            Object stream = endpoint.open(target.get(), protocol.get(), query(request));
            response.setAcceptedSubProtocol(protocol.get().header());
            return stream;
        } catch (IllegalArgumentException e) {
            Response.writeError(request, response, callback, 400, e.getMessage());
        } catch (NoSuchElementException e) {
            Response.writeError(request, response, callback, 404, e.getMessage());
        } catch (RuntimeException e) {
            Response.writeError(request, response, callback, 500, String.valueOf(e.getMessage()));
        }
        return null;
    }

    private static Map<String, List<String>> query(Request request) {
        Fields fields = Request.extractQueryParameters(request);
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String name : fields.getNames()) {
            query.put(name, fields.getValues(name));
        }
        return query;
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the stream endpoint: " + e.getMessage(), e);
        }
    }
}
