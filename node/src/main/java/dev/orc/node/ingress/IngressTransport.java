package dev.orc.node.ingress;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * How the ingress's event loops wait for sockets: Linux's epoll through Netty's native transport where its library
 * loads (Linux x86-64; edge-triggered, fewer system calls and no selected-key sets), else the JDK's selector.
 *
 * @param name for the start-up line
 */
record IngressTransport(String name, IoHandlerFactory handlers, Class<? extends ServerSocketChannel> listeners,
                        Class<? extends SocketChannel> connections) {

    static IngressTransport best() {
        if (Epoll.isAvailable()) {
            return new IngressTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    EpollSocketChannel.class);
        }
        return nio();
    }

    static IngressTransport nio() {
        return new IngressTransport("NIO", NioIoHandler.newFactory(), NioServerSocketChannel.class,
                NioSocketChannel.class);
    }
}
