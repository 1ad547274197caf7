package dev.orc.node.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A registry on loopback that speaks the v2 API and has no images at all. */
final class EmptyRegistry {

    private EmptyRegistry() {
    }

    static HttpServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", EmptyRegistry::answer);
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange) throws IOException {
        boolean root = exchange.getRequestURI().getPath().equals("/v2/");
        String body = root ? "{}" : "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(root ? 200 : 404, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }
}
