package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.nodeaccess.NodeRequestToken;
import dev.orc.api.nodeaccess.NodeStreamEndpoint;
import dev.orc.api.stream.StreamProtocol;
import dev.orc.reconciler.apiserver.auth.CertificateAuthority;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The server's requests to a node agent's endpoints (container logs, stats, exec and port-forward streams): only to a registered Node's address,
 * which must be an IP literal (no name to resolve, no path or fragment smuggled in, no link-local or multicast
 * address such as a cloud's metadata service), at the port it publishes, on a path built here from encoded
 * segments, over TLS that accepts only the certificate the cluster CA issued that node ({@link NodeTrust}). Each
 * request carries the server's own credential, a {@link NodeRequestToken} for that node and request signed with the
 * CA's key; the caller's token never leaves the server.
 */
public final class NodeEndpoints {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final ObjectRegistry registry;
    private final PrivateKey key;
    private final Clock clock;
    private final NodeTrust trust;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    /** Calls nodes with requests signed by {@code ca}'s key, trusting the certificates {@code ca} issued them. */
    public NodeEndpoints(ObjectRegistry registry, CertificateAuthority ca, Clock clock) {
        this.registry = registry;
        this.key = ca.keys().getPrivate();
        this.clock = clock;
        this.trust = new NodeTrust(ca.certificate());
    }

    /** One client per node, each trusting only that node's certificate. */
    private HttpClient client(String nodeName) {
        return clients.computeIfAbsent(nodeName, name -> HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .sslContext(trust.forNode(name)).build());
    }

    /** {@code GET} of {@code segments} (each encoded) with an already encoded {@code query} ("" or "?a=b") on the node. */
    HttpResponse<InputStream> get(String nodeName, List<String> segments, String query) throws InterruptedException {
        ObjectNode node = registry.get(ResourceTypes.NODE, null, nodeName);
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
        if (port <= 0 || port > 65535) {
            throw new ApiException.BadRequest("node \"" + nodeName + "\" does not publish an endpoint port");
        }
        String host = host(nodeName, node);
        String pathAndQuery = path(segments) + query;
        URI target = URI.create("https://" + host + ":" + port + pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(target).GET().header("Authorization", bearer(nodeName, pathAndQuery))
                .build();
        try {
            return client(nodeName).send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ApiException.InternalError("cannot reach node \"" + nodeName + "\" at " + host + ":" + port
                    + ": " + e.getMessage());
        }
    }

    /**
     * Opens a WebSocket to the node's exec and port-forward endpoint ({@link NodeStreamEndpoint}) at {@code segments}
     * with an encoded {@code query}, speaking {@code protocol}. A node that publishes no such endpoint is refused here;
     * one that cannot be reached fails the returned stage.
     */
    CompletableFuture<WebSocket> stream(String nodeName, List<String> segments, String query, StreamProtocol protocol,
                                        WebSocket.Listener listener) {
        ObjectNode node = registry.get(ResourceTypes.NODE, null, nodeName);
        int port = node.path("metadata").path("annotations").path(NodeStreamEndpoint.PORT_ANNOTATION).asInt(0);
        if (port <= 0 || port > 65535) {
            throw new ApiException.BadRequest("node \"" + nodeName + "\" does not publish an exec and port-forward"
                    + " endpoint (annotation " + NodeStreamEndpoint.PORT_ANNOTATION + ")");
        }
        String pathAndQuery = path(segments) + query;
        URI target = URI.create("wss://" + host(nodeName, node) + ":" + port + pathAndQuery);
        return client(nodeName).newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).subprotocols(protocol.header())
                .header("Authorization", bearer(nodeName, pathAndQuery)).buildAsync(target, listener);
    }

    private static String path(List<String> segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }

    private static String host(String nodeName, ObjectNode node) {
        String address = checkedAddress(nodeName, internalAddress(node));
        return address.contains(":") ? "[" + address + "]" : address;
    }

    private String bearer(String nodeName, String pathAndQuery) {
        return "Bearer " + NodeRequestToken.of(nodeName, pathAndQuery, clock.instant()).sign(key);
    }

    /** The address as an IP literal a node may be reached at; anything else is refused naming the node. */
    static String checkedAddress(String nodeName, String address) {
        if (address == null || !(IPV4.matcher(address).matches() || address.contains(":") && IPV6.matcher(address).matches())) {
            throw new ApiException.BadRequest("node \"" + nodeName + "\" has no IP address to reach it at"
                    + (address == null ? "" : " (its address is \"" + address + "\")"));
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new ApiException.BadRequest("node \"" + nodeName + "\" has an invalid address \"" + address + "\"");
        }
        if (ip.isLinkLocalAddress() || ip.isMulticastAddress() || ip.isAnyLocalAddress()) {
            throw new ApiException.BadRequest("node \"" + nodeName + "\" has an address the server does not call: "
                    + address);
        }
        return address;
    }

    private static String internalAddress(JsonNode node) {
        String fallback = null;
        for (JsonNode address : node.path("status").path("addresses")) {
            if ("InternalIP".equals(address.path("type").asText())) {
                return address.path("address").asText();
            }
            fallback = address.path("address").asText(null);
        }
        return fallback;
    }
}
