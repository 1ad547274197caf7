package dev.orc.node.runtime.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A real loopback listener standing in for a fake container's published port: answers each connection with a text. */
final class PortServer implements AutoCloseable {

    private final ServerSocket socket;

    private PortServer(ServerSocket socket) {
        this.socket = socket;
    }

    /** Listens on the host port (0: any free one) and answers on a virtual thread until closed. */
    static PortServer open(String hostIp, int hostPort, String answer) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            InetAddress address = InetAddress.getByName(hostIp.isEmpty() || hostIp.equals("0.0.0.0") ? "127.0.0.1" : hostIp);
            socket.bind(new InetSocketAddress(address, hostPort));
            PortServer server = new PortServer(socket);
            Thread.ofVirtual().name("fake-port-" + socket.getLocalPort()).start(() -> server.serve(answer));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + hostIp + ":" + hostPort + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve(String answer) {
        byte[] bytes = (answer + "\n").getBytes(StandardCharsets.UTF_8);
        while (!socket.isClosed()) {
            try (Socket client = socket.accept(); OutputStream out = client.getOutputStream()) {
                out.write(bytes);
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
