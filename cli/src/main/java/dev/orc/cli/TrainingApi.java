package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.orc.api.json.Json;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * A stand-in orc API over HTTPS on loopback for training the client's AOT cache: it lists a few dozen pods
 * and creates whatever is posted, answering everything else NotFound. It uses the JDK's own HTTP server, so
 * training loads no server class of orc's into the cache.
 */
final class TrainingApi implements AutoCloseable {
    static final int PODS = 30;

    private final HttpsServer server;

    private TrainingApi(HttpsServer server) {
        this.server = server;
    }

    /** Serves with the key pair and certificate of the PKCS#12 {@code keyStore}. */
    static TrainingApi start(Path keyStore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, password);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", TrainingApi::answer);
        server.start();
        return new TrainingApi(server);
    }

    URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("GET") && path.endsWith("/pods")) {
            send(exchange, 200, podList());
        } else if (exchange.getRequestMethod().equals("POST")) {
            ObjectNode created = (ObjectNode) Json.parse(request);
            ObjectNode metadata = created.withObjectProperty("metadata");
            metadata.put("uid", "00000000-0000-0000-0000-000000000001").put("resourceVersion", "2")
                    .put("creationTimestamp", "2026-01-01T00:00:00Z");
            send(exchange, 201, created);
        } else {
            ObjectNode status = Json.object().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                    .put("reason", "NotFound").put("code", 404).put("message", path + " not found");
            send(exchange, 404, status);
        }
    }

    private static ObjectNode podList() {
        ObjectNode list = Json.object().put("kind", "PodList").put("apiVersion", "v1");
        list.putObject("metadata").put("resourceVersion", "1");
        ArrayNode items = list.putArray("items");
        for (int i = 0; i < PODS; i++) {
            ObjectNode pod = items.addObject().put("kind", "Pod").put("apiVersion", "v1");
            pod.putObject("metadata").put("name", "web-" + i).put("namespace", "default")
                    .put("creationTimestamp", "2026-01-01T00:00:00Z").putObject("labels").put("app", "web");
            pod.putObject("spec").put("nodeName", "node-1").putArray("containers").addObject()
                    .put("name", "web").put("image", "orc/busybox:1");
            ObjectNode status = pod.putObject("status").put("phase", "Running").put("podIP", "172.17.0." + (i + 2));
            status.putArray("containerStatuses").addObject().put("name", "web").put("ready", true)
                    .put("restartCount", 0).putObject("state").putObject("running")
                    .put("startedAt", "2026-01-01T00:00:01Z");
        }
        return list;
    }

    private static void send(HttpExchange exchange, int code, ObjectNode body) throws IOException {
        byte[] bytes = Json.bytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
