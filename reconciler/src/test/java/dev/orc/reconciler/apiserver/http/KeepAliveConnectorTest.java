package dev.orc.reconciler.apiserver.http;

import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;

import static org.assertj.core.api.Assertions.assertThat;

class KeepAliveConnectorTest {
    @Test
    void anAcceptedConnectionProbesItsPeerAfter15SecondsOfSilenceAndGivesUpAfter3UnansweredProbes() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
            try (Socket accepted = listener.accept()) {
                KeepAliveConnector.keepAlive(accepted);

                assertThat(accepted.getOption(StandardSocketOptions.SO_KEEPALIVE)).isTrue();
                assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(15);
                assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)).isEqualTo(5);
                assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(3);
            }
        }
    }
}
