package dev.orc.node.ingress;

import dev.orc.api.ingress.Destination;
import dev.orc.api.ingress.IngressRouter;
import dev.orc.api.ingress.RouteTable;
import dev.orc.node.net.UnverifiedServers;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The ingress's request path on Jetty's reverse proxy: routes a request by host and path through the current
 * {@link RouteTable}; answers 404 when no rule matches, 308 to HTTPS for a TLS host reached over plain HTTP (unless
 * {@code ssl-redirect: "false"}), 413 past the body limit (by Content-Length, or counted as a chunked body is
 * read), 503 when the Service has no ready endpoint; otherwise
 * proxies to the next endpoint in turn with X-Forwarded-For/-Proto/-Host/-Port, the original Host, and the read
 * timeout; a protocol upgrade (WebSocket) is carried by an {@link UpgradeTunnel}. A request without a body that an endpoint refuses to connect is tried on the others (as nginx's
 * {@code proxy_next_upstream error}); Jetty answers 502 when a backend fails and 504 when it times out.
 */
final class IngressProxy extends ProxyHandler {
    private static final String TARGET = IngressProxy.class.getName() + ".target";

    /** The routes and the turn-taking of one moment, swapped whole. */
    record Routing(RouteTable routes, RoundRobin turns) {
    }

    /** Where a request goes, and the endpoints it may still try when that one refuses the connection. */
    private record Target(HttpURI uri, Duration readTimeout, List<HttpURI> untried) {
        Target next() {
            return new Target(untried.getFirst(), readTimeout, untried.subList(1, untried.size()));
        }
    }

    private final Supplier<Routing> routing;
    private final IngressConfig config;
    private final Supplier<Integer> httpsPort;
    private final UpgradeTunnel tunnel = new UpgradeTunnel(UnverifiedServers.context());

    IngressProxy(Supplier<Routing> routing, IngressConfig config, Supplier<Integer> httpsPort) {
        this.routing = routing;
        this.config = config;
        this.httpsPort = httpsPort;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Routing current = routing.get();
        String host = Request.getServerName(request);
        String path = request.getHttpURI().getPath() == null ? "/" : request.getHttpURI().getPath();
        Optional<IngressRouter.Match<Destination>> match = current.routes().router().route(host, path);
        if (match.isEmpty()) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404,
                    "no Ingress rule for host " + host + " and path " + path);
            return true;
        }
        Destination destination = match.get().target();
        if (!request.isSecure() && !Boolean.FALSE.equals(destination.options().sslRedirect()) && destination.tls(host)) {
            int port = httpsPort.get();
            String location = "https://" + host + (port == 443 ? "" : ":" + port) + request.getHttpURI().getPathQuery();
            Response.sendRedirect(request, response, callback, HttpStatus.PERMANENT_REDIRECT_308, location, true);
            return true;
        }
        long limit = destination.options().bodyLimit() >= 0 ? destination.options().bodyLimit() : config.bodyLimit();
        if (request.getLength() > limit) {
            Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413,
                    "request body of " + request.getLength() + " bytes is over the limit of " + limit);
            return true;
        }
        if (destination.endpoints().isEmpty()) {
            Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    "no ready endpoint for service " + destination.service() + " port " + destination.port());
            return true;
        }
        String backendPath = rewritten(path, match.get(), destination.options().rewriteTarget());
        List<HttpURI> order = current.turns().order(destination).stream().map(endpoint -> (HttpURI) HttpURI.build()
                .scheme(destination.options().httpsBackend() ? "https" : "http")
                .host(endpoint.host()).port(endpoint.port())
                .path(backendPath)
                .query(request.getHttpURI().getQuery())).toList();
        Duration timeout = destination.options().readTimeout() != null ? destination.options().readTimeout()
                : config.readTimeout();
        if (UpgradeTunnel.wanted(request)) {
            tunnel.open(request, response, callback, order.getFirst(), timeout, forwarded(request));
            return true;
        }
        boolean retriable = request.getLength() <= 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        request.setAttribute(TARGET, new Target(order.getFirst(), timeout,
                retriable ? order.subList(1, order.size()) : List.of()));
        return super.handle(request.getLength() < 0 ? new BodyLimit(request, limit) : request, response, callback);
    }

    @Override
    protected void onServerToProxyResponseFailure(Request request, org.eclipse.jetty.client.Request proxied,
                                                  org.eclipse.jetty.client.Response answer, Response response,
                                                  Callback callback, Throwable failure) {
        Target target = (Target) request.getAttribute(TARGET);
        if (refused(failure) && !response.isCommitted() && !target.untried().isEmpty()) {
            Target next = target.next();
            request.setAttribute(TARGET, next);
            org.eclipse.jetty.client.Request retry = newProxyToServerRequest(request, next.uri());
            copyRequestHeaders(request, retry);
            addProxyHeaders(request, retry);
            sendProxyToServerRequest(request, retry, response, callback);
            return;
        }
        if (cause(failure, BodyLimit.TooLarge.class) && !response.isCommitted()) {
            Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, failure.getMessage());
            return;
        }
        super.onServerToProxyResponseFailure(request, proxied, answer, response, callback, failure);
    }

    private static boolean refused(Throwable failure) {
        return cause(failure, ConnectException.class);
    }

    private static boolean cause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The path as the backend gets it when the Ingress asks for a rewrite: for a regex path the whole path becomes
     * {@code target}, its {@code $n} replaced by the path's groups (nginx's rewrite); else the part the rule matched
     * is replaced by {@code target}.
     */
    static String rewritten(String path, IngressRouter.Match<?> match, String target) {
        if (target == null) {
            return path;
        }
        if (!match.captures().isEmpty()) {
            return substituted(target, match.captures());
        }
        String matchedPrefix = match.matchedPrefix();
        String rest = path.substring(Math.min(matchedPrefix.length(), path.length()));
        if (target.endsWith("/") && rest.startsWith("/")) {
            rest = rest.substring(1);
        } else if (!target.endsWith("/") && !rest.isEmpty() && !rest.startsWith("/")) {
            rest = "/" + rest;
        }
        return target + rest;
    }

    private static String substituted(String target, List<String> captures) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '$' && i + 1 < target.length() && Character.isDigit(target.charAt(i + 1))) {
                int group = target.charAt(++i) - '0';
                result.append(group < captures.size() ? captures.get(group) : "");
            } else {
                result.append(c);
            }
        }
        return result.isEmpty() ? "/" : result.toString();
    }

    @Override
    protected HttpURI rewriteHttpURI(Request request) {
        return ((Target) request.getAttribute(TARGET)).uri();
    }

    @Override
    protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request request, HttpURI uri) {
        Duration timeout = ((Target) request.getAttribute(TARGET)).readTimeout();
        return super.newProxyToServerRequest(request, uri).idleTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The headers ingress-nginx adds (X-Forwarded-*, X-Real-IP), put straight into the proxied request; not Jetty's
     * own Via and Forwarded, which ingress-nginx does not send either and which cost a formatted string per request.
     */
    @Override
    protected void addProxyHeaders(Request request, org.eclipse.jetty.client.Request proxied) {
        proxied.headers(headers -> forwarded(request, headers::put));
    }

    /** The forwarded headers by name, case-insensitively, for the tunnel that writes a request head itself. */
    private static Map<String, String> forwarded(Request request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        forwarded(request, headers::put);
        return headers;
    }

    /** The X-Forwarded-* and X-Real-IP headers a backend gets, and the Host when the client sent none (HTTP/2). */
    private static void forwarded(Request request, BiConsumer<String, String> headers) {
        String client = Request.getRemoteAddr(request);
        String earlier = request.getHeaders().get(HttpHeader.X_FORWARDED_FOR);
        String host = request.getHeaders().get(HttpHeader.HOST);
        String authority = host != null ? host : request.getHttpURI().getAuthority();
        headers.accept(HttpHeader.X_FORWARDED_FOR.asString(), earlier == null ? client : earlier + ", " + client);
        headers.accept(HttpHeader.X_FORWARDED_PROTO.asString(), request.isSecure() ? "https" : "http");
        headers.accept(HttpHeader.X_FORWARDED_HOST.asString(), authority);
        headers.accept(HttpHeader.X_FORWARDED_PORT.asString(), String.valueOf(Request.getLocalPort(request)));
        headers.accept("X-Real-IP", client);
        if (host == null && authority != null) {
            headers.accept(HttpHeader.HOST.asString(), authority);
        }
    }

    @Override
    protected HttpClient newHttpClient() {
        ClientConnector connector = new ClientConnector();
        SslContextFactory.Client backends = new SslContextFactory.Client();
        backends.setSslContext(UnverifiedServers.context());
        connector.setSslContextFactory(backends);
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(getServer().getThreadPool());
        client.setByteBufferPool(getServer().getByteBufferPool());
        client.setConnectTimeout(Duration.ofSeconds(5).toMillis());
        client.setIdleTimeout(config.idleTimeout().toMillis());
        return client;
    }
}
