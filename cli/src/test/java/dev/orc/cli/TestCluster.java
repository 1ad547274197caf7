package dev.orc.cli;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.record.EventRecorder;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.auth.CertificateAuthority;
import dev.orc.reconciler.apiserver.auth.TlsIdentity;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.apiserver.watch.WatchSettings;
import dev.orc.reconciler.store.sqlite.SqliteStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A real orc API server on a free loopback port over SQLite in a temporary directory, with TLS from its own CA
 * and a bearer token, and a client config file pointing at it; {@link #orc} runs the real command against it.
 */
final class TestCluster implements AutoCloseable {
    static final String TOKEN = "test-admin-token";

    private final Path dir;
    private final SqliteStore store;
    private final ApiServer server;
    private final Path configFile;
    private final Path caFile;
    private final ClientConfig config;
    private final java.security.cert.X509Certificate caCertificate;

    TestCluster(Path dir) {
        this(dir, WatchSettings.defaults());
    }

    /** A cluster whose watches follow {@code watch}, e.g. short lifetimes to make clients re-connect. */
    TestCluster(Path dir, WatchSettings watch) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            CertificateAuthority ca = CertificateAuthority.create("orc-test-ca", Instant.now());
            caCertificate = ca.certificate();
            CertificateAuthority.Issued serving = ca.issueServing("orc-test", List.of("127.0.0.1", "localhost"), Instant.now());
            caFile = write("ca.pem", CertificateAuthority.pem(ca.certificate()));
            store = SqliteStore.open(dir.resolve("data"));
            server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                    .withWatch(watch)
                    .withAuthenticator(new TokenAuthenticator(Map.of(TOKEN, "admin")))
                    .withTls(new TlsIdentity(serving.keys().getPrivate(), List.of(serving.certificate(), ca.certificate()))));
            config = new ClientConfig(server.url(), TOKEN, caFile, null);
            configFile = dir.resolve("client-config");
            config.write(configFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** Records an event about {@code object} as a controller would. */
    void recordEvent(com.fasterxml.jackson.databind.node.ObjectNode object, String type, String reason, String message) {
        new EventRecorder(client(), "test-controller", Clock.systemUTC())
                .record(ObjectReference.of(object), type, reason, message);
    }

    /** How many watch requests of {@code resource} the server has finished, from its metrics. */
    long finishedWatches(String resource) {
        return metrics().lines()
                .filter(l -> l.startsWith("orc_apiserver_requests_total{") && l.contains("verb=\"watch\"")
                        && l.contains("resource=\"" + resource + "\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private String metrics() {
        try {
            java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCertificate);
            javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
            ssl.init(null, factory.getTrustManagers(), null);
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().sslContext(ssl).build();
            return http.send(java.net.http.HttpRequest.newBuilder(server.url().resolve("/metrics"))
                            .header("Authorization", "Bearer " + TOKEN).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the server's metrics: " + e.getMessage(), e);
        }
    }

    ApiClient client() {
        return ApiClient.connect(config);
    }

    /** The PEM file of the CA that signed the server's certificate. */
    Path caFile() {
        return caFile;
    }

    Path dir() {
        return dir;
    }

    String url() {
        return server.url().toString();
    }

    /** Runs {@code orc args...} with this cluster's client config, standard input {@code stdin}. */
    CommandRun orcWithInput(String stdin, String... args) {
        return orcInto(new StringWriter(), stdin, args);
    }

    /** Runs {@code orc args...} writing standard output into {@code out}, which other threads may read meanwhile. */
    CommandRun orcInto(StringWriter out, String stdin, String... args) {
        return run(out, stdin, Map.of(), args);
    }

    /** Runs {@code orc args...} with the variables {@code env} set too (EDITOR, KUBECONFIG, ...). */
    CommandRun orcWithEnv(Map<String, String> env, String... args) {
        return run(new StringWriter(), "", env, args);
    }

    private CommandRun run(StringWriter out, String stdin, Map<String, String> env, String... args) {
        StringWriter err = new StringWriter();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        Map<String, String> variables = new java.util.HashMap<>(env);
        variables.putIfAbsent("ORC_CONFIG", configFile.toString());
        Environment environment = new Environment(variables, dir, in, Clock.systemUTC());
        var cmd = Orc.commandLine(environment);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    CommandRun orc(String... args) {
        return orcWithInput("", args);
    }

    ApiServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
