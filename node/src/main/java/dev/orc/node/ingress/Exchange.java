package dev.orc.node.ingress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One proxied request, from its head to the end of its response, on one event loop: the backend connection is taken
 * from the loop's {@link BackendPool} (or opened; an endpoint that refuses a request without a body hands it to the
 * next, as nginx's {@code proxy_next_upstream error}), the body streams to the backend as it comes (counted against
 * the body limit: 413 past it), the response streams back, each side pausing its reads while the other cannot take
 * more. A backend silent past the read timeout gets 504 (or the client's connection closed when the response had
 * begun), one that fails 502. The backend connection goes back to the pool when both messages ended cleanly. An
 * upgrade (WebSocket) that the backend accepts with 101 turns both connections into a {@link Relay} each way.
 * Messages are written with the channels' void promise (no promise allocated per write): a failed write reaches the
 * channel's {@code exceptionCaught}, which closes it, and the close is what the exchange acts on.
 */
final class Exchange {
    private final FrontendHandler frontend;
    private final ChannelHandlerContext client;
    private final BackendPool pool;
    private final HttpRequest head;
    private final HttpMethod method;
    private final List<BackendPool.Key> endpoints;
    private final boolean retriable;
    private final boolean upgrade;
    private final long bodyLimit;
    private final long readTimeoutNanos;
    private final AccessLog.Entry logged;
    /** Body pieces that came before the backend connection; sized for the usual none or one, it grows if need be. */
    private final ArrayDeque<HttpContent> unsent = new ArrayDeque<>(1);
    private int attempt;
    private Channel backend;
    private BackendHandler backendHandler;
    private boolean reused;
    private boolean retriedFresh;
    private boolean requestDone;
    private boolean responseStarted;
    private boolean responseDone;
    private boolean finished;
    private boolean skippingInterim;
    private boolean backendKeepAlive;
    private long bodyBytes;
    private HttpResponse switching;
    private List<ByteBuf> upgradedBytes;

    Exchange(FrontendHandler frontend, ChannelHandlerContext client, BackendPool pool, HttpRequest head,
             HttpMethod method, List<BackendPool.Key> endpoints, boolean retriable, boolean upgrade, long bodyLimit,
             Duration readTimeout, AccessLog.Entry logged) {
        this.frontend = frontend;
        this.client = client;
        this.pool = pool;
        this.head = head;
        this.method = method;
        this.endpoints = endpoints;
        this.retriable = retriable;
        this.upgrade = upgrade;
        this.bodyLimit = bodyLimit;
        this.readTimeoutNanos = readTimeout.toNanos();
        this.logged = logged;
    }

    /** An exchange the ingress answers itself, without a backend. */
    static Exchange local(FrontendHandler frontend, ChannelHandlerContext client, HttpMethod method, AccessLog.Entry logged) {
        return new Exchange(frontend, client, null, null, method, List.of(), false, false, Long.MAX_VALUE,
                Duration.ZERO, logged);
    }

    boolean requestDone() {
        return requestDone;
    }

    /**
     * Connects to the first endpoint; a body waits until the backend connection is there, the client's reads paused
     * meanwhile, as for an upgrade, whose connection must not be read as HTTP after its request (a request without a
     * body leaves them on: turning them off and on costs two system calls a request).
     */
    void start() {
        if (!retriable || upgrade) {
            client.channel().config().setAutoRead(false);
        }
        connect();
    }

    private void connect() {
        BackendPool.Key key = endpoints.get(attempt);
        Channel idle = retriedFresh ? null : pool.take(key);
        if (idle != null) {
            connected(idle, true);
            return;
        }
        pool.connect(key, client.channel().eventLoop()).addListener((ChannelFuture future) -> {
            if (finished) {
                if (future.isSuccess()) {
                    future.channel().close();
                }
                return;
            }
            if (future.isSuccess()) {
                connected(future.channel(), false);
            } else if (retriable && attempt + 1 < endpoints.size()) {
                attempt++;
                connect();
            } else {
                fail(HttpResponseStatus.BAD_GATEWAY, "the backend " + key + " could not be reached: "
                        + (future.cause() instanceof ConnectException ? "connection refused" : future.cause().getMessage()));
            }
        });
    }

    private void connected(Channel channel, boolean pooled) {
        backend = channel;
        reused = pooled;
        backendHandler = channel.pipeline().get(BackendHandler.class);
        backendHandler.attach(this, readTimeoutNanos);
        backend.write(head, backend.voidPromise());
        for (HttpContent content = unsent.poll(); content != null; content = unsent.poll()) {
            backend.write(content, backend.voidPromise());
        }
        backend.flush();
        if (!requestDone && !upgrade) {
            client.channel().config().setAutoRead(true);
        }
    }

    /** A piece of the request's body from the client. */
    void requestContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (finished || responseDone) {
            content.release();
        } else {
            bodyBytes += content.content().readableBytes();
            if (bodyBytes > bodyLimit) {
                content.release();
                fail(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request body over the limit of " + bodyLimit
                        + " bytes");
                return;
            }
            if (backend == null) {
                unsent.add(content);
            } else {
                backend.write(content, backend.voidPromise());
                if (last) {
                    backend.flush();
                }
            }
        }
        if (last) {
            requestDone = true;
            finishIfDone();
        }
    }

    /** The client's reads of this turn are in: what went to the backend is sent. */
    void clientReadComplete() {
        if (backend != null && !responseDone) {
            backend.flush();
        }
    }

    /** The client can (or cannot) take more: the backend's reads follow. */
    void clientWritabilityChanged(boolean writable) {
        if (backend != null && !responseDone) {
            backend.config().setAutoRead(writable);
        }
    }

    void backendWritabilityChanged(boolean writable) {
        if (!requestDone) {
            client.channel().config().setAutoRead(writable);
        }
    }

    /** What the backend sent: a response head, a piece of body, or after a 101 raw bytes. */
    void fromBackend(Object msg) {
        if (switching != null) {
            if (msg instanceof ByteBuf bytes) {
                upgradedBytes.add(bytes);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        if (msg instanceof HttpResponse response) {
            int code = response.status().code();
            if (code == 101 && upgrade) {
                switching = response;
                upgradedBytes = new ArrayList<>();
                backend.config().setAutoRead(false);
                switchProtocols();
                ReferenceCountUtil.release(msg);
                return;
            }
            if (code >= 100 && code < 200) {
                skippingInterim = true;
            } else {
                responseStarted = true;
                logged.status = code;
                backendKeepAlive = !upgrade && HttpUtil.isKeepAlive(response);
                client.write(ProxiedHeaders.response(response, method, frontend.http2()), client.voidPromise());
            }
        }
        if (msg instanceof HttpContent content) {
            if (skippingInterim) {
                content.release();
                skippingInterim = !(content instanceof LastHttpContent);
                return;
            }
            logged.bytes += content.content().readableBytes();
            if (content instanceof LastHttpContent) {
                responseDone = true;
                client.writeAndFlush(content, client.voidPromise());
                backendDone();
                finishIfDone();
            } else {
                client.write(content, client.voidPromise());
            }
        } else if (!(msg instanceof HttpResponse)) {
            ReferenceCountUtil.release(msg);
        }
    }

    void backendReadComplete() {
        client.flush();
    }

    /** The backend connection closed before this exchange was over. */
    void backendClosed(Throwable failure) {
        if (finished || responseDone || switching != null) {
            return;
        }
        backend = null;
        if (responseStarted) {
            client.close();
            finish();
            return;
        }
        if (reused && retriable && !retriedFresh) {
            retriedFresh = true;
            connect();
            return;
        }
        fail(HttpResponseStatus.BAD_GATEWAY, "the backend " + endpoints.get(attempt) + " closed the connection "
                + (failure == null ? "without answering" : "without answering: " + failure.getMessage()));
    }

    /** The client's connection closed: nothing more to do for it. */
    void clientClosed() {
        if (finished) {
            return;
        }
        if (backend != null && switching == null) {
            backendHandler.detach();
            backend.close();
        }
        finish();
    }

    long readTimeoutNanos() {
        return readTimeoutNanos;
    }

    /** The backend stayed silent for the whole read timeout: 504, or the client's connection closed mid-response. */
    void backendSilent() {
        if (finished || responseDone || switching != null) {
            return;
        }
        String key = endpoints.get(attempt).toString();
        backend.close();
        backend = null;
        if (responseStarted) {
            client.close();
            finish();
        } else {
            fail(HttpResponseStatus.GATEWAY_TIMEOUT, "the backend " + key + " did not answer within "
                    + Duration.ofNanos(readTimeoutNanos).toSeconds() + " s");
        }
    }

    /** Ends the exchange with an error of the proxy's own when the response has not begun, else by closing. */
    private void fail(HttpResponseStatus status, String message) {
        if (backend != null) {
            backendHandler.detach();
            backend.close();
            backend = null;
        }
        if (responseStarted) {
            client.close();
            finish();
            return;
        }
        answer(status, message, null, !requestDone);
    }

    /**
     * Answers with the ingress's own response; the rest of the request's body is read and dropped, or with
     * {@code close} the connection (the HTTP/2 stream) is closed after the answer.
     */
    void answer(HttpResponseStatus status, String message, String location, boolean close) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (location != null) {
            response.headers().set(HttpHeaderNames.LOCATION, location);
        }
        if (close && !frontend.http2()) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        responseStarted = true;
        responseDone = true;
        logged.status = status.code();
        logged.bytes = body.length;
        ChannelFuture written = client.writeAndFlush(response);
        if (close) {
            written.addListener(ChannelFutureListener.CLOSE);
            requestDone = true;
        }
        finishIfDone();
    }

    /** The response ended: the backend connection waits for the next request when both messages ended cleanly. */
    private void backendDone() {
        backendHandler.detach();
        if (backendKeepAlive && requestDone) {
            pool.release(endpoints.get(attempt), backend);
        } else {
            backend.close();
        }
        backend = null;
    }

    private void finishIfDone() {
        if (requestDone && responseDone) {
            finish();
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        for (HttpContent content = unsent.poll(); content != null; content = unsent.poll()) {
            content.release();
        }
        frontend.exchangeDone(this, logged);
    }


    /**
     * The backend accepted the upgrade: the client gets the 101, then each connection's HTTP handlers make way for
     * a {@link Relay} to the other, and what the backend sent after its 101 goes first.
     */
    private void switchProtocols() {
        responseStarted = true;
        responseDone = true;
        requestDone = true;
        logged.status = 101;
        ChannelPipeline clientPipeline = client.pipeline();
        if (clientPipeline.get(HttpServerKeepAliveHandler.class) != null) {
            clientPipeline.remove(HttpServerKeepAliveHandler.class);
        }
        DefaultFullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.SWITCHING_PROTOCOLS, Unpooled.EMPTY_BUFFER, ProxiedHeaders.switching(switching),
                EmptyHttpHeaders.INSTANCE);
        Channel upstream = backend;
        client.writeAndFlush(answer).addListener((ChannelFuture written) -> {
            if (!written.isSuccess()) {
                upstream.close();
                upgradedBytes.forEach(ByteBuf::release);
                finish();
                return;
            }
            Channel downstream = client.channel();
            idleEitherWay(clientPipeline);
            idleEitherWay(upstream.pipeline());
            clientPipeline.addLast(new Relay(upstream));
            clientPipeline.remove(client.handler());
            if (clientPipeline.get(HttpServerExpectContinueHandler.class) != null) {
                clientPipeline.remove(HttpServerExpectContinueHandler.class);
            }
            clientPipeline.remove(HttpServerCodec.class);
            ChannelPipeline backendPipeline = upstream.pipeline();
            backendPipeline.addLast(new Relay(downstream));
            backendPipeline.remove(BackendHandler.class);
            upgradedBytes.forEach(downstream::write);
            backendPipeline.remove(HttpClientCodec.class);
            downstream.flush();
            upstream.config().setAutoRead(true);
            downstream.config().setAutoRead(true);
            finish();
        });
    }

    /** A relay is idle only when neither side sends: a server that only pushes keeps its client's connection. */
    private void idleEitherWay(ChannelPipeline pipeline) {
        pipeline.replace(IdleStateHandler.class, "idle", new IdleStateHandler(0, 0, frontend.idleMillis(),
                TimeUnit.MILLISECONDS));
    }
}
