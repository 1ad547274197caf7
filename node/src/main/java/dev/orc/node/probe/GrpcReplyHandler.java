package dev.orc.node.probe;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Collects the reply on the HTTP/2 stream of one Health/Check call: the first headers carry {@code :status}, the
 * data the message, the last headers (or the only ones, for a trailers-only reply) {@code grpc-status}. The reply is
 * bounded: a health reply is a few bytes.
 */
final class GrpcReplyHandler extends SimpleChannelInboundHandler<Http2StreamFrame> {

    static final int MAX_MESSAGE = 64 * 1024;

    private final CompletableFuture<GrpcReply> reply;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private String httpStatus;
    private String grpcStatus;
    private String grpcMessage;

    GrpcReplyHandler(CompletableFuture<GrpcReply> reply) {
        this.reply = reply;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) throws IOException {
        if (frame instanceof Http2HeadersFrame headers) {
            read(headers.headers());
            if (headers.isEndStream()) {
                finish();
            }
        } else if (frame instanceof Http2DataFrame data) {
            if (message.size() + data.content().readableBytes() > MAX_MESSAGE) {
                throw new IOException("the reply is longer than " + MAX_MESSAGE + " bytes");
            }
            data.content().readBytes(message, data.content().readableBytes());
            if (data.isEndStream()) {
                finish();
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof Http2ResetFrame reset) {
            reply.completeExceptionally(new IOException("the server reset the stream (HTTP/2 error code "
                    + reset.errorCode() + ")"));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        reply.completeExceptionally(new IOException("the connection closed before the reply"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        reply.completeExceptionally(cause);
        ctx.close();
    }

    private void read(Http2Headers headers) {
        if (httpStatus == null && headers.status() != null) {
            httpStatus = headers.status().toString();
        }
        CharSequence status = headers.get("grpc-status");
        if (status != null) {
            grpcStatus = status.toString();
        }
        CharSequence text = headers.get("grpc-message");
        if (text != null) {
            grpcMessage = text.toString();
        }
    }

    private void finish() {
        reply.complete(new GrpcReply(httpStatus, grpcStatus, grpcMessage, message.toByteArray()));
    }
}
