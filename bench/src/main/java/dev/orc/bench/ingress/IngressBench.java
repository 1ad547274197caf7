package dev.orc.bench.ingress;

import ch.qos.logback.classic.Level;
import dev.orc.api.ingress.RouteTable;
import dev.orc.api.ingress.RouteTableBuilder;
import dev.orc.api.json.Json;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Ingress;
import dev.orc.api.model.IngressClass;
import dev.orc.api.model.Service;
import dev.orc.node.ingress.IngressConfig;
import dev.orc.node.ingress.IngressServer;
import dev.orc.node.ingress.TlsKeys;
import dev.orc.reconciler.apiserver.auth.CertificateAuthority;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code orc bench ingress}: one backend on loopback reached directly, through orc's ingress (in this process, on
 * a route from a real Ingress) and through nginx configured as a reverse proxy for the same route, in the clear and
 * over TLS (one certificate of a scratch CA for every TLS endpoint), each with 1 and with 64 keep-alive
 * connections. Neither proxy writes an access log, so both are measured doing the same work.
 */
public final class IngressBench {
    private static final String HOST = "bench.localhost";
    private static final char[] PASSWORD = "bench".toCharArray();

    /** The measured paths, connection counts and window. */
    public record Options(List<Integer> connections, Duration warmUp, Duration window) {
    }

    private IngressBench() {
    }

    public static void run(Options options, Path dir, PrintWriter out) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(IngressServer.ACCESS_LOG)).setLevel(Level.WARN);
        CertificateAuthority ca = CertificateAuthority.create("orc bench ingress CA", Instant.now());
        CertificateAuthority.Issued serving = ca.issueServing(HOST, List.of(HOST, "127.0.0.1"), Instant.now());
        X509Certificate[] chain = {serving.certificate(), ca.certificate()};
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("serving", serving.keys().getPrivate(), PASSWORD, chain);
        Path certificate = Files.writeString(dir.resolve("serving.crt"),
                CertificateAuthority.pem(serving.certificate()) + CertificateAuthority.pem(ca.certificate()));
        Path key = Files.writeString(dir.resolve("serving.key"), CertificateAuthority.pemPrivateKey(serving.keys().getPrivate()));
        SSLContext client = trusting(ca.certificate());
        Optional<Path> nginx = NginxProxy.find();
        try (BenchBackend backend = BenchBackend.start(keys, PASSWORD);
             IngressServer ingress = IngressServer.start(IngressConfig.OFF.withPorts(0, 0))) {
            ingress.apply(routes(backend.port()), Map.of("bench/bench-tls", new TlsKeys(chain, serving.keys().getPrivate())));
            NginxProxy proxy = null;
            int nginxPort = 0;
            int nginxTlsPort = 0;
            if (nginx.isPresent()) {
                nginxPort = FreePorts.one();
                nginxTlsPort = FreePorts.one();
                proxy = NginxProxy.start(nginx.get(), dir.resolve("nginx"), nginxPort, nginxTlsPort, HOST,
                        backend.port(), certificate, key);
            } else {
                out.println("nginx: not measured, not installed (apt-get install -y nginx)");
            }
            try {
                out.printf("%-7s %-5s %5s %12s %9s %9s %7s%n", "path", "tls", "conns", "requests/s", "p50 ms", "p99 ms",
                        "errors");
                for (boolean tls : List.of(false, true)) {
                    for (int connections : options.connections()) {
                        List<HttpLoad.Target> targets = new ArrayList<>();
                        targets.add(new HttpLoad.Target("direct", "127.0.0.1", tls ? backend.tlsPort() : backend.port(),
                                HOST, tls ? client : null));
                        targets.add(new HttpLoad.Target("orc", "127.0.0.1", tls ? ingress.httpsPort() : ingress.httpPort(),
                                HOST, tls ? client : null));
                        if (proxy != null) {
                            targets.add(new HttpLoad.Target("nginx", "127.0.0.1", tls ? nginxTlsPort : nginxPort, HOST,
                                    tls ? client : null));
                        }
                        for (HttpLoad.Target target : targets) {
                            HttpLoad.Result result = HttpLoad.run(target, connections, options.warmUp(), options.window());
                            out.printf("%-7s %-5s %5d %12.0f %9.2f %9.2f %7d%n", target.name(), tls ? "yes" : "no",
                                    connections, result.requestsPerSecond(), result.p50Millis(), result.p99Millis(),
                                    result.errors());
                            out.flush();
                        }
                    }
                }
            } finally {
                if (proxy != null) {
                    proxy.close();
                }
            }
        }
    }

    private static RouteTable routes(int backendPort) {
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

    private static SSLContext trusting(X509Certificate ca) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
