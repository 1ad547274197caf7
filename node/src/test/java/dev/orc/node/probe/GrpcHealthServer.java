package dev.orc.node.probe;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrame;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A gRPC health server for tests, on loopback over HTTP/2 cleartext, written against the protocol rather than with
 * gRPC's library: each service answers its status; an unknown service gets grpc-status NOT_FOUND (5) as a
 * trailers-only reply, as grpc's own health service does; a server without the health service answers
 * UNIMPLEMENTED (12); a service named {@value #SILENT} never answers. It records the last request's headers.
 */
final class GrpcHealthServer implements AutoCloseable {

    static final String SILENT = "silent";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();
    private final boolean health;
    private final Channel channel;

    private GrpcHealthServer(boolean health) throws InterruptedException {
        this.health = health;
        this.channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel connection) {
                        connection.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                                new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                                    @Override
                                    protected void initChannel(Http2StreamChannel stream) {
                                        stream.pipeline().addLast(new Call());
                                    }
                                }));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** A server with the grpc.health.v1 service. */
    static GrpcHealthServer withHealth() throws InterruptedException {
        return new GrpcHealthServer(true);
    }

    /** A gRPC server that has no health service. */
    static GrpcHealthServer withoutHealth() throws InterruptedException {
        return new GrpcHealthServer(false);
    }

    GrpcHealthServer status(String service, int status) {
        statuses.put(service, status);
        return this;
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    String lastHeader(String name) {
        return lastHeaders.get(name);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /** One call: the request's headers and message, then the reply. */
    private final class Call extends SimpleChannelInboundHandler<Http2StreamFrame> {
        private final ByteArrayOutputStream request = new ByteArrayOutputStream();
        private String path;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
            if (frame instanceof Http2HeadersFrame headers) {
                path = headers.headers().path().toString();
                headers.headers().forEach(h -> lastHeaders.put(h.getKey().toString(), h.getValue().toString()));
                if (headers.isEndStream()) {
                    reply(ctx);
                }
            } else if (frame instanceof Http2DataFrame data) {
                request.writeBytes(ByteBufUtil.getBytes(data.content()));
                if (data.isEndStream()) {
                    reply(ctx);
                }
            }
        }

        private void reply(ChannelHandlerContext ctx) {
            if (!health || !GrpcHealthMessages.PATH.equals(path)) {
                trailersOnly(ctx, 12, "unknown service grpc.health.v1.Health");
                return;
            }
            String service = service(request.toByteArray());
            if (service.equals(SILENT)) {
                return;
            }
            Integer status = statuses.get(service);
            if (status == null) {
                trailersOnly(ctx, 5, "unknown service");
                return;
            }
            ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                    .add("content-type", "application/grpc")));
            ByteBuf message = Unpooled.buffer().writeByte(0).writeInt(2).writeByte(0x08).writeByte(status);
            ctx.write(new DefaultHttp2DataFrame(message));
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().add("grpc-status", "0"), true));
        }

        private void trailersOnly(ChannelHandlerContext ctx, int code, String message) {
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                    .add("content-type", "application/grpc").add("grpc-status", Integer.toString(code))
                    .add("grpc-message", message.replace(" ", "%20")), true));
        }

        /** The service of a framed HealthCheckRequest: field 1, a string, or empty when absent. */
        private static String service(byte[] framed) {
            if (framed.length <= 5) {
                return "";
            }
            int length = framed[6];
            return new String(framed, 7, length, StandardCharsets.UTF_8);
        }
    }
}
