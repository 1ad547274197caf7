package dev.orc.node.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@code grpc} probe as the kubelet runs it: one connection per run, HTTP/2 without TLS by prior knowledge, one
 * {@code grpc.health.v1.Health/Check} call for the probe's service, its deadline the probe's timeout (also sent as
 * {@code grpc-timeout}); SERVING is a success, anything else a failure saying what came back. The connections
 * share one daemon event-loop thread, started on the first gRPC probe and stopped by {@link #close}.
 */
final class GrpcHealthProber implements AutoCloseable {

    private static final String USER_AGENT = "orc-probe/1.0";
    private static final long MAX_GRPC_TIMEOUT_MILLIS = 99_999_999;

    private EventLoopGroup group;
    private boolean closed;

    ProbeOutcome probe(String host, int port, String service, Duration timeout) {
        String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        CompletableFuture<GrpcReply> reply = new CompletableFuture<>();
        EventLoopGroup loop;
        try {
            loop = group();
        } catch (IllegalStateException e) {
            return ProbeOutcome.errored(e.getMessage());
        }
        ChannelFuture connect = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(
                                Http2FrameCodecBuilder.forClient()
                                        .initialSettings(Http2Settings.defaultSettings().pushEnabled(false)).build(),
                                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()),
                                new ConnectionErrors(reply));
                    }
                })
                .connect(host, port);
        connect.addListener((ChannelFuture connected) -> {
            if (connected.isSuccess()) {
                call(connected.channel(), address, service, timeout, reply);
            } else {
                reply.completeExceptionally(new ConnectFailed(connected.cause()));
            }
        });
        try {
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS).outcome(timeout);
        } catch (TimeoutException e) {
            return connect.isSuccess()
                    ? ProbeOutcome.failed("timeout: health rpc did not complete within " + Deadline.describe(timeout))
                    : connectTimeout(address, timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConnectFailed failed) {
                return failed.getCause() instanceof ConnectTimeoutException ? connectTimeout(address, timeout)
                        : ProbeOutcome.failed("error: failed to connect service at \"" + address + "\": "
                        + describe(failed.getCause()));
            }
            return ProbeOutcome.failed("error: health rpc probe failed: " + describe(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeOutcome.failed("error: health rpc probe failed: interrupted");
        } finally {
            connect.channel().close();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (group != null) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized EventLoopGroup group() {
        if (closed) {
            throw new IllegalStateException("the node agent's probes are stopped");
        }
        if (group == null) {
            group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("orc-grpc-probe", true),
                    NioIoHandler.newFactory());
        }
        return group;
    }

    private static void call(Channel connection, String address, String service, Duration timeout,
                             CompletableFuture<GrpcReply> reply) {
        connection.closeFuture().addListener(closed ->
                reply.completeExceptionally(new IOException("the connection closed before the reply")));
        Http2Headers headers = new DefaultHttp2Headers().method("POST").scheme("http").authority(address)
                .path(GrpcHealthMessages.PATH)
                .add("content-type", "application/grpc")
                .add("te", "trailers")
                .add("user-agent", USER_AGENT)
                .add("grpc-timeout", Math.clamp(timeout.toMillis(), 1, MAX_GRPC_TIMEOUT_MILLIS) + "m");
        byte[] request = GrpcHealthMessages.request(service);
        new Http2StreamChannelBootstrap(connection).handler(new GrpcReplyHandler(reply)).open()
                .addListener((Future<Http2StreamChannel> opened) -> {
                    if (!opened.isSuccess()) {
                        reply.completeExceptionally(opened.cause());
                        return;
                    }
                    Http2StreamChannel stream = opened.getNow();
                    stream.write(new DefaultHttp2HeadersFrame(headers));
                    stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(request), true));
                });
    }

    private static ProbeOutcome connectTimeout(String address, Duration timeout) {
        return ProbeOutcome.failed("timeout: failed to connect service \"" + address + "\" within "
                + Deadline.describe(timeout));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }

    /** Fails the call with an error of the connection itself (a server that does not speak HTTP/2, say). */
    private static final class ConnectionErrors extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<GrpcReply> reply;

        ConnectionErrors(CompletableFuture<GrpcReply> reply) {
            this.reply = reply;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            reply.completeExceptionally(cause);
            ctx.close();
        }
    }

    /** The connection could not be opened. */
    private static final class ConnectFailed extends IOException {
        ConnectFailed(Throwable cause) {
            super(cause);
        }
    }
}
