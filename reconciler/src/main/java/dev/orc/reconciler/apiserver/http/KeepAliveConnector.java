package dev.orc.reconciler.apiserver.http;

import jdk.net.ExtendedSocketOptions;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Socket;
import java.net.StandardSocketOptions;

/**
 * The API's listener, with TCP keepalive on every connection it accepts: probes after 15 s of silence, every 5 s, 3
 * of them, so a client that vanished without closing (its host gone, a partition) is found within about 30 s and its
 * watches end, instead of being held until their lifetime runs out while bookmarks fill a dead socket's buffer.
 */
public final class KeepAliveConnector extends ServerConnector {
    static final int IDLE_SECONDS = 15;
    static final int INTERVAL_SECONDS = 5;
    static final int PROBES = 3;
    private static final Logger LOG = LoggerFactory.getLogger(KeepAliveConnector.class);

    public KeepAliveConnector(Server server, ConnectionFactory... factories) {
        super(server, factories);
    }

    @Override
    protected void configure(Socket socket) {
        super.configure(socket);
        keepAlive(socket);
    }

    /** Turns keepalive on with orc's timing, where the platform lets it; otherwise the system's timing applies. */
    static void keepAlive(Socket socket) {
        try {
            socket.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, IDLE_SECONDS);
            socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, INTERVAL_SECONDS);
            socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, PROBES);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("TCP keepalive timing not set on {}: {}", socket, e.getMessage());
        }
    }
}
