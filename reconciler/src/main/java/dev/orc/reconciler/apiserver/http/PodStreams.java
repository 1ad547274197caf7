package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.nodeaccess.NodeStreamEndpoint;
import dev.orc.api.stream.ExecOptions;
import dev.orc.api.stream.PortForwardFrames;
import dev.orc.api.stream.StreamProtocol;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;
import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsConnectContext;
import org.eclipse.jetty.websocket.api.Session;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code pods/NAME/exec}, {@code pods/NAME/attach} and {@code pods/NAME/portforward}: WebSockets speaking
 * {@code v5.channel.k8s.io} or {@code v4.channel.k8s.io}, as kubectl 1.30+ and the fabric8 client open them, and
 * for port-forward also kubectl 1.31+'s SPDY tunnel ({@link SpdyTunnel}), whose connections each reach the agent as a
 * port-forward of one port. The
 * handshake is checked first (the caller's right to {@code create} the subresource, by the request gate; the pod,
 * its node and container; the query), then the stream is relayed to the agent of the pod's node through
 * {@link NodeEndpoints}, with the server's own credential.
 */
final class PodStreams {
    /** As the kubelet's default streaming idle timeout. */
    private static final Duration IDLE_TIMEOUT = Duration.ofHours(4);

    private enum Kind {
        EXEC("exec", NodeStreamEndpoint.EXEC),
        ATTACH("attach", NodeStreamEndpoint.ATTACH),
        PORT_FORWARD("portforward", NodeStreamEndpoint.PORT_FORWARD);

        final String subresource;
        final String agentPath;

        Kind(String subresource, String agentPath) {
            this.subresource = subresource;
            this.agentPath = agentPath;
        }
    }

    /**
     * What a checked handshake asks of the agent; {@code spdyTunnel}: a port-forward whose ports come later, in SPDY
     * streams ({@link SpdyTunnel}).
     */
    private record Target(String node, List<String> segments, String query, StreamProtocol protocol,
                          boolean spdyTunnel) {
    }

    private final ObjectRegistry registry;
    private final NodeEndpoints nodes;
    private final Map<Session, ClientStream> streams = new ConcurrentHashMap<>();

    PodStreams(ObjectRegistry registry, NodeEndpoints nodes) {
        this.registry = registry;
        this.nodes = nodes;
    }

    void declare(RoutesConfig http) {
        for (Kind kind : Kind.values()) {
            String path = "/api/v1/namespaces/{namespace}/pods/{name}/" + kind.subresource;
            http.wsBeforeUpgrade(path, ctx -> target(kind, ctx.pathParam("namespace"), ctx.pathParam("name"),
                    ctx.queryParamMap(), ctx.header("Sec-WebSocket-Protocol")));
            http.ws(path, ws -> {
                ws.onConnect(ctx -> connect(kind, ctx));
                ws.onBinaryMessage(ctx -> {
                    ClientStream stream = streams.get(ctx.session);
                    if (stream != null && !stream.toAgent(ctx.data())) {
                        ctx.closeSession(1011, "the node's stream is gone");
                    }
                });
                ws.onClose(ctx -> closed(ctx.session));
                ws.onError(ctx -> closed(ctx.session));
            });
        }
    }

    private void connect(Kind kind, WsConnectContext ctx) {
        ctx.session.setIdleTimeout(IDLE_TIMEOUT);
        Target target;
        try {
            target = target(kind, ctx.pathParam("namespace"), ctx.pathParam("name"), ctx.queryParamMap(),
                    ctx.header("Sec-WebSocket-Protocol"));
        } catch (ApiException e) {
            new StreamRelay(ctx.session, kind != Kind.PORT_FORWARD).failed(e.getMessage());
            return;
        }
        if (target.spdyTunnel()) {
            streams.put(ctx.session, new SpdyTunnel(ctx.session, (port, listener) -> nodes.stream(target.node(),
                    target.segments(), PortForwardFrames.query(List.of(port)), target.protocol(), listener)));
            return;
        }
        StreamRelay relay = new StreamRelay(ctx.session, kind != Kind.PORT_FORWARD);
        streams.put(ctx.session, relay);
        try {
            nodes.stream(target.node(), target.segments(), target.query(), target.protocol(), relay)
                    .whenComplete((socket, failure) -> {
                        if (failure != null) {
                            relay.failed("cannot reach node \"" + target.node() + "\": " + rootMessage(failure));
                        }
                    });
        } catch (ApiException e) {
            relay.failed(e.getMessage());
        }
    }

    private void closed(Session session) {
        ClientStream stream = streams.remove(session);
        if (stream != null) {
            stream.clientClosed();
        }
    }

    /** The handshake checked; anything wrong is an error for the client naming it. */
    private Target target(Kind kind, String namespace, String name, Map<String, List<String>> query,
                          String offeredProtocols) {
        String offered = offeredProtocols == null ? "" : offeredProtocols.split(",")[0].trim();
        boolean spdyTunnel = kind == Kind.PORT_FORWARD && offered.equals(SpdyTunnel.PROTOCOL);
        Optional<StreamProtocol> protocol = spdyTunnel ? Optional.of(StreamProtocol.V4) : StreamProtocol.of(offered);
        if (protocol.isEmpty()) {
            throw new ApiException.BadRequest("the WebSocket subprotocol must be " + StreamProtocol.V5.header() + " or "
                    + StreamProtocol.V4.header() + (kind == Kind.PORT_FORWARD ? " or " + SpdyTunnel.PROTOCOL : "")
                    + (offered.isEmpty() ? "" : ", not " + offered));
        }
        ObjectNode pod = registry.get(ResourceTypes.POD, namespace, name);
        String node = pod.path("spec").path("nodeName").asText("");
        if (node.isEmpty()) {
            throw new ApiException.BadRequest("pod \"" + name + "\" is not scheduled to a node yet");
        }
        String agentQuery;
        try {
            agentQuery = switch (kind) {
                case EXEC -> checked(pod, ExecOptions.exec(query)).toQuery();
                case ATTACH -> checked(pod, ExecOptions.attach(query)).toQuery();
                case PORT_FORWARD -> spdyTunnel ? "" : PortForwardFrames.query(PortForwardFrames.ports(query));
            };
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest(e.getMessage());
        }
        return new Target(node, List.of(kind.agentPath, namespace, name), agentQuery, protocol.get(), spdyTunnel);
    }

    /** The options with the container resolved as for logs: the one named, or the pod's only one. */
    private static ExecOptions checked(ObjectNode pod, ExecOptions options) {
        String container = PodLogProxy.container(pod, options.container().orElse(null));
        return new ExecOptions(options.command(), Optional.of(container), options.stdin(), options.stdout(),
                options.stderr(), options.tty());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
