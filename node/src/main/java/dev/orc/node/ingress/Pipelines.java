package dev.orc.node.ingress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pipelines of the ingress's client connections. Plain: HTTP/1.1, or HTTP/2 when the connection opens with
 * HTTP/2's preface (prior knowledge, h2c). TLS: the certificate chosen by SNI, then HTTP/2 or HTTP/1.1 as ALPN
 * agreed. Each HTTP/1.1 connection, and each HTTP/2 stream, ends in a {@link FrontendHandler}; a connection idle past
 * the node's idle timeout with no exchange in flight is closed.
 */
final class Pipelines {
    private static final Logger LOG = LoggerFactory.getLogger(Pipelines.class);
    private static final int MAX_INITIAL_LINE = 8192;
    private static final int MAX_HEADERS = 16 * 1024;
    private static final int MAX_STREAMS = 128;

    private Pipelines() {
    }

    static ChannelInitializer<SocketChannel> plain(ProxyContext context) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(idle(context), new PriorKnowledge(context));
            }
        };
    }

    static ChannelInitializer<SocketChannel> tls(ProxyContext context, ServingTls serving) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(idle(context), new CertificateByName(serving),
                        new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                            @Override
                            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                                if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                                    http2(ctx.pipeline(), context, true);
                                } else {
                                    http1(ctx.pipeline(), context, true);
                                }
                            }

                            @Override
                            protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
                                LOG.debug("ingress: TLS handshake with {} failed", ctx.channel().remoteAddress(), cause);
                                ctx.close();
                            }
                        });
            }
        };
    }

    /**
     * Idle while the client sends nothing: reads are the cheap side to watch (watching writes costs a listener per
     * write), and a connection with an exchange in flight is never closed for it.
     */
    private static IdleStateHandler idle(ProxyContext context) {
        return new IdleStateHandler(context.config().idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS);
    }

    private static void http1(ChannelPipeline pipeline, ProxyContext context, boolean secure) {
        pipeline.addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 8192), new HttpServerKeepAliveHandler(),
                new HttpServerExpectContinueHandler(), new FrontendHandler(context, secure, false));
    }

    /**
     * HTTP/2 with at most {@value #MAX_STREAMS} streams open per connection (nginx's default), and without extended
     * CONNECT (RFC 8441), which Netty does not offer: WebSockets use HTTP/1.1.
     */
    private static void http2(ChannelPipeline pipeline, ProxyContext context, boolean secure) {
        Http2FrameCodec codec = Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(MAX_STREAMS)).build();
        pipeline.addLast(codec, new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                        new FrontendHandler(context, secure, true));
            }
        }), new IdleWithoutStreams(codec));
    }

    /**
     * The TLS handler of the certificate for the client's server name; with no certificate at all (no TLS Secret) the
     * connection is closed, said at debug level: clients that try HTTPS on a node without TLS Ingresses are no fault.
     */
    private static final class CertificateByName extends SniHandler {
        CertificateByName(ServingTls serving) {
            super(serving);
        }

        @Override
        protected void replaceHandler(ChannelHandlerContext ctx, String hostname, SslContext sslContext)
                throws Exception {
            if (sslContext == null) {
                LOG.debug("ingress: no certificate for {} ({}), connection closed", hostname,
                        ctx.channel().remoteAddress());
                ctx.close();
                return;
            }
            super.replaceHandler(ctx, hostname, sslContext);
        }
    }

    /** Closes an HTTP/2 connection that stayed idle past the timeout with no stream open. */
    private static final class IdleWithoutStreams extends io.netty.channel.ChannelInboundHandlerAdapter {
        private final Http2FrameCodec codec;

        IdleWithoutStreams(Http2FrameCodec codec) {
            this.codec = codec;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                if (codec.connection().numActiveStreams() == 0) {
                    ctx.close();
                }
                return;
            }
            ctx.fireUserEventTriggered(event);
        }
    }

    /**
     * Chooses a plain connection's protocol by its first bytes: HTTP/2's connection preface means h2c by prior
     * knowledge, anything else HTTP/1.1. Replaces itself with the chosen pipeline and passes the bytes on.
     */
    private static final class PriorKnowledge extends ByteToMessageDecoder {
        private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();
        private final ProxyContext context;

        PriorKnowledge(ProxyContext context) {
            this.context = context;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int length = Math.min(in.readableBytes(), PREFACE.readableBytes());
            boolean prefix = ByteBufUtil.equals(PREFACE, PREFACE.readerIndex(), in, in.readerIndex(), length);
            if (prefix && length < PREFACE.readableBytes()) {
                return;
            }
            if (prefix) {
                http2(ctx.pipeline(), context, false);
            } else {
                http1(ctx.pipeline(), context, false);
            }
            ctx.pipeline().remove(this);
        }
    }
}
