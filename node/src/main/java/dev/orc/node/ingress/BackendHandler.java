package dev.orc.node.ingress;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * The end of a backend connection's pipeline: hands what the backend sends to the {@link Exchange} it serves, and
 * while it serves none (waiting in its {@link BackendPool}) closes on anything but silence, and on the idle timeout.
 * It keeps the exchange's read timeout with one timer per connection, moved on only when it fires (not once per
 * request): a backend silent for the whole timeout times the exchange out.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    private final BackendPool pool;
    private final BackendPool.Key key;
    private Exchange exchange;
    private Throwable failure;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    private long timerDeadline;
    private long lastRead;

    BackendHandler(BackendPool pool, BackendPool.Key key) {
        this.pool = pool;
        this.key = key;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Serves {@code exchange} from now on, which the backend must answer within {@code readTimeoutNanos}. */
    void attach(Exchange exchange, long readTimeoutNanos) {
        this.exchange = exchange;
        lastRead = System.nanoTime();
        long deadline = lastRead + readTimeoutNanos;
        if (timer != null && timerDeadline - deadline > 0) {
            timer.cancel(false);
            timer = null;
        }
        if (timer == null) {
            arm(deadline);
        }
    }

    private void arm(long deadline) {
        timerDeadline = deadline;
        timer = ctx.executor().schedule(this::checkSilence, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private void checkSilence() {
        timer = null;
        if (exchange == null) {
            return;
        }
        long deadline = lastRead + exchange.readTimeoutNanos();
        if (System.nanoTime() - deadline >= 0) {
            Exchange silent = exchange;
            exchange = null;
            silent.backendSilent();
        } else {
            arm(deadline);
        }
    }

    void detach() {
        this.exchange = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastRead = System.nanoTime();
        if (exchange != null) {
            exchange.fromBackend(msg);
        } else {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.backendReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.backendWritabilityChanged(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        Exchange serving = exchange;
        exchange = null;
        if (serving != null) {
            serving.backendClosed(failure);
        } else {
            pool.closed(key, ctx.channel());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && exchange == null) {
            ctx.close();
        }
        ReferenceCountUtil.release(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failure = cause;
        ctx.close();
    }
}
