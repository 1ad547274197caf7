package dev.orc.api.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Opens the API server's WebSockets (a pod's exec, attach, port-forward) as the configured client: the first server
 * of the config, its CA, the bearer token.
 */
public final class StreamConnector {
    private final HttpClient http;
    private final URI server;
    private final String token;

    private StreamConnector(HttpClient http, URI server, String token) {
        this.http = http;
        this.server = server;
        this.token = token;
    }

    public static StreamConnector of(ClientConfig config) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(ApiClient.DEFAULT_CONNECT_TIMEOUT);
        if (config.certificateAuthority() != null) {
            builder.sslContext(TrustedCertificates.sslContext(config.certificateAuthority()));
        }
        return new StreamConnector(builder.build(), config.server(), config.token());
    }

    /** A WebSocket to {@code pathAndQuery} (encoded) offering {@code protocols}, the most preferred first. */
    public CompletableFuture<WebSocket> open(String pathAndQuery, List<String> protocols, WebSocket.Listener listener) {
        String scheme = "https".equals(server.getScheme()) ? "wss" : "ws";
        URI target = URI.create(scheme + "://" + server.getRawAuthority() + pathAndQuery);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(ApiClient.DEFAULT_CONNECT_TIMEOUT)
                .subprotocols(protocols.getFirst(), protocols.subList(1, protocols.size()).toArray(String[]::new));
        if (token != null && !token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.buildAsync(target, listener);
    }
}
