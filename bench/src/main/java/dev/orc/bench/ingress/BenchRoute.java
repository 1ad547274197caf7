package dev.orc.bench.ingress;

import dev.orc.api.ingress.RouteTable;
import dev.orc.api.ingress.RouteTableBuilder;
import dev.orc.api.json.Json;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Ingress;
import dev.orc.api.model.IngressClass;
import dev.orc.api.model.Secret;
import dev.orc.api.model.Service;
import dev.orc.node.ingress.TlsKeys;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The bench's one route as a cluster holds it: an Ingress for {@link #HOST} with TLS from Secret {@code bench-tls}
 * and {@code ssl-redirect: "false"}, to Service {@code backend} whose one ready endpoint is the bench's backend.
 */
final class BenchRoute {
    static final String HOST = "bench.localhost";
    static final String SECRET = "bench/bench-tls";

    private BenchRoute() {
    }

    /** The route table the node agent's watches would build from these objects. */
    static RouteTable routes(int backendPort) {
        Ingress ingress = Json.mapper().convertValue(Map.of(
                "metadata", Map.of("name", "bench", "namespace", "bench",
                        "annotations", Map.of("nginx.ingress.kubernetes.io/ssl-redirect", "false")),
                "spec", Map.of(
                        "tls", List.of(Map.of("hosts", List.of(HOST), "secretName", "bench-tls")),
                        "rules", List.of(Map.of("host", HOST, "http", Map.of("paths", List.of(Map.of(
                                "path", "/", "pathType", "Prefix",
                                "backend", Map.of("service", Map.of("name", "backend", "port", Map.of("number", 80)))))))))),
                Ingress.class);
        Service service = Json.mapper().convertValue(Map.of("metadata", Map.of("name", "backend", "namespace", "bench"),
                "spec", Map.of("ports", List.of(Map.of("port", 80)))), Service.class);
        Endpoints endpoints = Json.mapper().convertValue(Map.of("metadata", Map.of("name", "backend", "namespace", "bench"),
                "subsets", List.of(Map.of("addresses", List.of(Map.of("ip", "127.0.0.1")),
                        "ports", List.of(Map.of("port", backendPort))))), Endpoints.class);
        return RouteTableBuilder.build(List.of(ingress), List.of(IngressClass.orc()), List.of(service), List.of(endpoints));
    }

    /** The keys of the {@code kubernetes.io/tls} Secret holding {@code certificatePem} and {@code keyPem}, read as the node reads them. */
    static Map<String, TlsKeys> secrets(String certificatePem, String keyPem) {
        Base64.Encoder base64 = Base64.getEncoder();
        Secret secret = Json.mapper().convertValue(Map.of(
                "metadata", Map.of("name", "bench-tls", "namespace", "bench"), "type", TlsKeys.TYPE,
                "data", Map.of("tls.crt", base64.encodeToString(certificatePem.getBytes(StandardCharsets.US_ASCII)),
                        "tls.key", base64.encodeToString(keyPem.getBytes(StandardCharsets.US_ASCII)))), Secret.class);
        return Map.of(SECRET, TlsKeys.of(secret));
    }
}
