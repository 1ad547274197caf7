package dev.orc.node.ingress;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The backend connections of one event loop (a thread): new ones are opened on that loop (so a request and its backend
 * connection share a thread), and a connection whose exchange ended cleanly waits here, at most
 * {@value #IDLE_PER_ENDPOINT} per endpoint, until a request to the same endpoint takes it or it sits idle for the
 * node's idle timeout. Used only from its own loop's thread.
 */
final class BackendPool {
    static final int IDLE_PER_ENDPOINT = 128;
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    /** An endpoint and whether it is reached over TLS. */
    record Key(String host, int port, boolean tls) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private final SslContext backendTls;
    private final long idleMillis;
    private final Class<? extends SocketChannel> connections;
    private final Map<Key, ArrayDeque<Channel>> idle = new HashMap<>();

    /** {@code connections}: the channel class of the event loops' transport ({@link IngressTransport}). */
    BackendPool(SslContext backendTls, long idleMillis, Class<? extends SocketChannel> connections) {
        this.backendTls = backendTls;
        this.idleMillis = idleMillis;
        this.connections = connections;
    }

    /** An idle connection to {@code key} that is still open, or null. */
    Channel take(Key key) {
        ArrayDeque<Channel> waiting = idle.get(key);
        while (waiting != null && !waiting.isEmpty()) {
            Channel channel = waiting.pollLast();
            if (channel.isActive()) {
                return channel;
            }
        }
        return null;
    }

    /** A new connection to {@code key} on {@code loop}, its pipeline ready for HTTP/1.1 exchanges. */
    ChannelFuture connect(Key key, EventLoop loop) {
        return new Bootstrap().group(loop).channel(connections)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (key.tls()) {
                            channel.pipeline().addLast(backendTls.newHandler(channel.alloc(), key.host(), key.port()));
                        }
                        channel.pipeline().addLast(new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS),
                                new HttpClientCodec(), new BackendHandler(BackendPool.this, key));
                    }
                })
                .connect(key.host(), key.port());
    }

    /** Keeps {@code channel} for the next request to {@code key}, or closes it when enough are kept already. */
    void release(Key key, Channel channel) {
        ArrayDeque<Channel> waiting = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
        if (!channel.isActive() || waiting.size() >= IDLE_PER_ENDPOINT) {
            channel.close();
            return;
        }
        waiting.addLast(channel);
    }

    /** Forgets a connection that closed while it waited. */
    void closed(Key key, Channel channel) {
        ArrayDeque<Channel> waiting = idle.get(key);
        if (waiting != null) {
            waiting.remove(channel);
            if (waiting.isEmpty()) {
                idle.remove(key);
            }
        }
    }
}
