package dev.orc.bench.ingress;

import dev.orc.reconciler.apiserver.auth.CertificateAuthority;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code orc bench ingress}: one backend on loopback reached directly, through orc's ingress (in a JVM of its own,
 * as a node agent runs it, on the route of a real Ingress) and through nginx configured as a reverse proxy for the
 * same route, in the clear and over TLS (one certificate of a scratch CA for every TLS endpoint), each with each
 * count of keep-alive connections, in alternating rounds. Both proxies write their access log or neither does; orc's
 * over nginx's figures are printed against issue 18's targets after each load and together at the end.
 */
public final class IngressBench {
    private static final char[] PASSWORD = "bench".toCharArray();
    /** The warm-up of a target's later rounds: its process is warm, its connections are new. */
    private static final Duration LATER_WARM_UP = Duration.ofSeconds(2);

    /**
     * The connection counts, the warm-up, the window, how many rounds of each load, whether the proxies log each
     * request (orc's and nginx's default), and JVM options for the ingress's process after the bench's own.
     */
    public record Options(List<Integer> connections, Duration warmUp, Duration window, int rounds, boolean accessLog,
                          List<String> ingressJvmOptions) {
    }

    private IngressBench() {
    }

    public static void run(Options options, Path dir, PrintWriter out) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("orc bench ingress CA", Instant.now());
        CertificateAuthority.Issued serving = ca.issueServing(BenchRoute.HOST, List.of(BenchRoute.HOST, "127.0.0.1"),
                Instant.now());
        X509Certificate[] chain = {serving.certificate(), ca.certificate()};
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("serving", serving.keys().getPrivate(), PASSWORD, chain);
        Path certificate = Files.writeString(dir.resolve("serving.crt"),
                CertificateAuthority.pem(serving.certificate()) + CertificateAuthority.pem(ca.certificate()));
        Path key = Files.writeString(dir.resolve("serving.key"), CertificateAuthority.pemPrivateKey(serving.keys().getPrivate()));
        SSLContext client = trusting(ca.certificate());
        Optional<Path> nginx = NginxProxy.find();
        out.println("load average at the start: " + loadAverage());
        List<TargetRatios> ratios = new ArrayList<>();
        try (BenchBackend backend = BenchBackend.start(keys, PASSWORD);
             IngressProcess ingress = IngressProcess.start(dir.resolve("orc"), backend.port(), certificate, key,
                     options.accessLog(), options.ingressJvmOptions())) {
            NginxProxy proxy = null;
            int nginxPort = 0;
            int nginxTlsPort = 0;
            if (nginx.isPresent()) {
                nginxPort = FreePorts.one();
                nginxTlsPort = FreePorts.one();
                proxy = NginxProxy.start(nginx.get(), dir.resolve("nginx"), nginxPort, nginxTlsPort, BenchRoute.HOST,
                        backend.port(), certificate, key, options.accessLog());
            } else {
                out.println("nginx: not measured, not installed (apt-get install -y nginx)");
            }
            try {
                out.printf("%-7s %-5s %5s %12s %9s %9s %7s %14s%n", "path", "tls", "conns", "requests/s", "p50 ms",
                        "p99 ms", "errors", "proxy CPU µs/req");
                for (boolean tls : List.of(false, true)) {
                    for (int connections : options.connections()) {
                        List<HttpLoad.Target> targets = new ArrayList<>();
                        targets.add(new HttpLoad.Target("direct", "127.0.0.1", tls ? backend.tlsPort() : backend.port(),
                                BenchRoute.HOST, tls ? client : null, CpuClock.NONE));
                        targets.add(new HttpLoad.Target("orc", "127.0.0.1", tls ? ingress.httpsPort() : ingress.httpPort(),
                                BenchRoute.HOST, tls ? client : null, ingress.cpu()));
                        if (proxy != null) {
                            targets.add(new HttpLoad.Target("nginx", "127.0.0.1", tls ? nginxTlsPort : nginxPort,
                                    BenchRoute.HOST, tls ? client : null, proxy.cpu()));
                        }
                        measure(options, tls, connections, targets, proxy != null, out).ifPresent(ratios::add);
                    }
                }
            } finally {
                if (proxy != null) {
                    proxy.close();
                }
            }
        }
        out.println("load average at the end: " + loadAverage());
        if (!ratios.isEmpty()) {
            out.printf("orc against nginx, access log %s (targets: requests/s at least %.1fx, p99 at most %.1fx):%n",
                    options.accessLog() ? "on" : "off", TargetRatios.RATE_TARGET, TargetRatios.P99_TARGET);
            ratios.forEach(ratio -> out.println("  " + ratio.line()));
            long met = ratios.stream().filter(ratio -> ratio.rateMet() && ratio.p99Met()).count();
            out.printf("  %d of %d loads meet both targets%n", met, ratios.size());
        }
        out.flush();
    }

    /**
     * One load, in {@code options.rounds()} rounds of every target in turn, the order reversed each round so that no
     * target always follows the same one; the full warm-up comes before each target's first round, a short one before
     * its later rounds (new connections to a warm process). Orc's figures over nginx's are the median of the rounds'.
     */
    private static Optional<TargetRatios> measure(Options options, boolean tls, int connections,
                                                  List<HttpLoad.Target> targets, boolean nginx, PrintWriter out)
            throws InterruptedException {
        List<TargetRatios> rounds = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            List<HttpLoad.Target> order = round % 2 == 1 ? targets : targets.reversed();
            Duration warmUp = round == 1 || options.warmUp().compareTo(LATER_WARM_UP) < 0
                    ? options.warmUp() : LATER_WARM_UP;
            Map<String, HttpLoad.Result> results = new HashMap<>();
            for (HttpLoad.Target target : order) {
                HttpLoad.Result result = HttpLoad.run(target, connections, warmUp, options.window());
                results.put(target.name(), result);
                out.printf("%-7s %-5s %5d %12.0f %9.2f %9.2f %7d %14s%n", target.name(), tls ? "yes" : "no",
                        connections, result.requestsPerSecond(), result.p50Millis(), result.p99Millis(),
                        result.errors(), result.cpuMicrosPerRequest() == 0 ? "-"
                                : String.format(Locale.ROOT, "%.1f", result.cpuMicrosPerRequest()));
                out.flush();
            }
            if (nginx) {
                TargetRatios ratio = TargetRatios.of(tls, connections, results.get("orc"), results.get("nginx"));
                rounds.add(ratio);
                out.println(options.rounds() == 1 ? "  " + ratio.line() : "  round " + round + ": " + ratio.line());
            }
        }
        if (rounds.isEmpty()) {
            return Optional.empty();
        }
        TargetRatios median = TargetRatios.median(rounds);
        if (options.rounds() > 1) {
            out.println("  median of " + rounds.size() + " rounds: " + median.line());
        }
        return Optional.of(median);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown (no /proc/loadavg)";
        }
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
