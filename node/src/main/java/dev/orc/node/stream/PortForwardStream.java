package dev.orc.node.stream;

import dev.orc.api.stream.ChannelFrame;
import dev.orc.api.stream.PortForwardFrames;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One port-forward: for each port asked for, its data and error channels are announced with the port, a connection to
 * the pod's address at that port carries the data channel both ways, and a connection that cannot be made is told on
 * the error channel. The WebSocket closes once every connection has ended.
 *
 * <p>Public only because Jetty calls a listener's methods through method handles, which need a public class.
 */
public final class PortForwardStream implements Session.Listener.AutoDemanding {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int CHUNK = 16 * 1024;

    private final String address;
    private final List<Integer> ports;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private FrameSender sender;

    PortForwardStream(String address, List<Integer> ports) {
        this.address = address;
        this.ports = List.copyOf(ports);
    }

    /** Connects to every port before any message from the client is read, so data never waits for a connection. */
    @Override
    public void onWebSocketOpen(Session session) {
        sender = new FrameSender(session);
        open.set(ports.size());
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            sender.send(PortForwardFrames.portPrefix(PortForwardFrames.dataChannel(i), port));
            sender.send(PortForwardFrames.portPrefix(PortForwardFrames.errorChannel(i), port));
            Socket socket = new Socket();
            sockets.add(socket);
            try {
                socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                sender.send(new ChannelFrame(PortForwardFrames.errorChannel(i), ("cannot connect to port " + port
                        + " of the pod at " + address + ": " + e.getMessage()).getBytes(StandardCharsets.UTF_8)));
                ended(socket);
                continue;
            }
            int index = i;
            Thread.ofVirtual().name("orc-port-forward-" + port).start(() -> pump(index, socket));
        }
    }

    private void pump(int index, Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[CHUNK];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (!sender.send(ChannelFrame.of(PortForwardFrames.dataChannel(index), buffer, 0, read))) {
                    return;
                }
            }
        } catch (IOException e) {
            // the pod or the client closed the connection: it has ended either way
        } finally {
            ended(socket);
        }
    }

    private void ended(Socket socket) {
        close(socket);
        if (open.decrementAndGet() == 0) {
            sender.close(1000, "");
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer message, Callback callback) {
        try {
            ChannelFrame frame = ChannelFrame.decode(message);
            int index = frame.channel() / 2;
            if (frame.channel() % 2 == 0 && index < sockets.size() && !sockets.get(index).isClosed()) {
                sockets.get(index).getOutputStream().write(frame.payload());
            }
            callback.succeed();
        } catch (IllegalArgumentException e) {
            callback.fail(e);
        } catch (IOException e) {
            callback.succeed();
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        sockets.forEach(PortForwardStream::close);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing left to tell anyone
        }
    }
}
