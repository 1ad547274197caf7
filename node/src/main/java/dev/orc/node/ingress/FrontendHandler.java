package dev.orc.node.ingress;

import dev.orc.api.ingress.Destination;
import dev.orc.api.ingress.IngressRouter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The requests of one client connection (HTTP/1.1) or one HTTP/2 stream, one {@link Exchange} at a time: each is
 * routed by host and path through the current {@link Routing}; answered here with 404 when no rule matches, 308 to
 * HTTPS for a TLS host reached over plain HTTP (unless {@code ssl-redirect: "false"}), 413 past the body limit by its
 * Content-Length, 503 when the Service has no ready endpoint, 400 when it cannot be read; otherwise proxied to the
 * endpoint whose turn it is. Requests a client sends before the previous one's answer (HTTP/1.1 pipelining) wait
 * their turn, with reading paused.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    private final ProxyContext context;
    private final boolean secure;
    private final boolean http2;
    private final ArrayDeque<Object> queued = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private ProxiedHeaders.Client client;
    private Exchange current;

    FrontendHandler(ProxyContext context, boolean secure, boolean http2) {
        this.context = context;
        this.secure = secure;
        this.http2 = http2;
    }

    boolean http2() {
        return http2;
    }

    /** How long a connection may sit idle. */
    long idleMillis() {
        return context.config().idleTimeout().toMillis();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (current != null && !current.requestDone() && msg instanceof HttpContent content && !(msg instanceof HttpRequest)) {
            current.requestContent(content);
            return;
        }
        if (current != null || !queued.isEmpty()) {
            queued.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        dispatch(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (current != null) {
            current.clientReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.clientWritabilityChanged(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (current != null) {
            current.clientClosed();
        }
        queued.forEach(ReferenceCountUtil::release);
        queued.clear();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (current == null) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** {@code exchange} is over: its log line is written and the next request, if one waits, is taken. */
    void exchangeDone(Exchange exchange, AccessLog.Entry entry) {
        context.accessLog().write(entry);
        if (current == exchange) {
            current = null;
        }
        if (ctx.isRemoved()) {
            return;
        }
        while (!queued.isEmpty()) {
            Object next = queued.peek();
            if (current == null) {
                queued.poll();
                dispatch(next);
            } else if (!current.requestDone() && next instanceof HttpContent content && !(next instanceof HttpRequest)) {
                queued.poll();
                current.requestContent(content);
            } else {
                return;
            }
        }
        if (current == null || !current.requestDone()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void dispatch(Object msg) {
        if (!(msg instanceof HttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        AccessLog.Entry entry = new AccessLog.Entry(client().address(), request.method().name(), request.uri(),
                http2 ? "HTTP/2.0" : request.protocolVersion().text(), request.headers().get(HttpHeaderNames.REFERER),
                request.headers().get(HttpHeaderNames.USER_AGENT));
        Exchange exchange = begin(request, entry);
        if (msg instanceof FullHttpRequest full) {
            exchange.requestContent(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
        }
    }

    /** Routes {@code request} and starts its exchange, or answers it here. */
    private Exchange begin(HttpRequest request, AccessLog.Entry entry) {
        if (request.decoderResult().isFailure()) {
            return local(request, entry, HttpResponseStatus.BAD_REQUEST, "the request could not be read: "
                    + request.decoderResult().cause().getMessage(), null, true);
        }
        HttpHeaders headers = request.headers();
        String uri = request.uri();
        String authority = headers.get(HttpHeaderNames.HOST);
        if (!uri.startsWith("/")) {
            try {
                URI absolute = new URI(uri);
                authority = absolute.getRawAuthority() != null ? absolute.getRawAuthority() : authority;
                uri = (absolute.getRawPath() == null || absolute.getRawPath().isEmpty() ? "/" : absolute.getRawPath())
                        + (absolute.getRawQuery() == null ? "" : "?" + absolute.getRawQuery());
            } catch (java.net.URISyntaxException e) {
                return local(request, entry, HttpResponseStatus.BAD_REQUEST, "the request target " + uri
                        + " is neither a path nor an absolute URI", null, true);
            }
        }
        int queryAt = uri.indexOf('?');
        String path = queryAt < 0 ? uri : uri.substring(0, queryAt);
        String host = hostOf(authority);
        Routing routing = context.routing().get();
        Optional<IngressRouter.Match<Destination>> match = routing.routes().router().route(host, path);
        if (match.isEmpty()) {
            return local(request, entry, HttpResponseStatus.NOT_FOUND, "no Ingress rule for host " + host
                    + " and path " + path, null, false);
        }
        Destination destination = match.get().target();
        if (!secure && !Boolean.FALSE.equals(destination.options().sslRedirect()) && destination.tls(host)) {
            int port = context.httpsPort().getAsInt();
            return local(request, entry, HttpResponseStatus.PERMANENT_REDIRECT, "moved to HTTPS",
                    "https://" + host + (port == 443 ? "" : ":" + port) + uri, false);
        }
        long limit = destination.options().bodyLimit() >= 0 ? destination.options().bodyLimit()
                : context.config().bodyLimit();
        long length = HttpUtil.getContentLength(request, -1L);
        if (length > limit) {
            return local(request, entry, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request body of " + length
                    + " bytes is over the limit of " + limit, null, true);
        }
        if (destination.endpoints().isEmpty()) {
            return local(request, entry, HttpResponseStatus.SERVICE_UNAVAILABLE, "no ready endpoint for service "
                    + destination.service() + " port " + destination.port(), null, false);
        }
        String backendUri = PathRewrite.rewritten(path, match.get(), destination.options().rewriteTarget())
                + (queryAt < 0 ? "" : uri.substring(queryAt));
        boolean tls = destination.options().httpsBackend();
        List<BackendPool.Key> endpoints = new ArrayList<>(destination.endpoints().size());
        for (Destination.Endpoint endpoint : routing.turns().order(destination)) {
            endpoints.add(new BackendPool.Key(endpoint.host(), endpoint.port(), tls));
        }
        Duration readTimeout = destination.options().readTimeout() != null ? destination.options().readTimeout()
                : context.config().readTimeout();
        boolean upgrade = !http2 && headers.contains(HttpHeaderNames.UPGRADE)
                && headers.containsValue(HttpHeaderNames.CONNECTION, "upgrade", true);
        boolean bodiless = request instanceof FullHttpRequest full ? !full.content().isReadable()
                : length <= 0 && !HttpUtil.isTransferEncodingChunked(request) && !http2;
        Exchange exchange = new Exchange(this, ctx, context.pool(), ProxiedHeaders.request(request, backendUri,
                authority, client(), upgrade), request.method(), endpoints, bodiless, upgrade, limit, readTimeout, entry);
        current = exchange;
        exchange.start();
        return exchange;
    }

    private Exchange local(HttpRequest request, AccessLog.Entry entry, HttpResponseStatus status, String message,
                           String location, boolean close) {
        Exchange exchange = Exchange.local(this, ctx, request.method(), entry);
        current = exchange;
        exchange.answer(status, message, location, close);
        return exchange;
    }

    /** The host of an authority (host, host:port, [v6]:port), without its port. */
    private static String hostOf(String authority) {
        if (authority == null) {
            return "";
        }
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? authority : authority.substring(0, end + 1);
        }
        int colon = authority.indexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    private ProxiedHeaders.Client client() {
        if (client == null) {
            Channel connection = http2 && ctx.channel().parent() != null ? ctx.channel().parent() : ctx.channel();
            InetSocketAddress remote = (InetSocketAddress) connection.remoteAddress();
            InetSocketAddress local = (InetSocketAddress) connection.localAddress();
            client = new ProxiedHeaders.Client(remote.getAddress().getHostAddress(), Integer.toString(local.getPort()),
                    secure, http2);
        }
        return client;
    }
}
