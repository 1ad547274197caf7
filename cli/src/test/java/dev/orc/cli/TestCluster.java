package dev.orc.cli;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ClientConfig;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.CertificateAuthority;
import dev.orc.reconciler.apiserver.TlsIdentity;
import dev.orc.reconciler.apiserver.TokenAuthenticator;
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

    TestCluster(Path dir) {
        this.dir = dir;
        try {
            CertificateAuthority ca = CertificateAuthority.create("orc-test-ca", Instant.now());
            CertificateAuthority.Issued serving = ca.issueServing("orc-test", List.of("127.0.0.1", "localhost"), Instant.now());
            caFile = write("ca.pem", CertificateAuthority.pem(ca.certificate()));
            store = SqliteStore.open(dir.resolve("data"));
            server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        Environment environment = new Environment(Map.of("ORC_CONFIG", configFile.toString()), dir, in, Clock.systemUTC());
        var cmd = Orc.commandLine(environment);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    CommandRun orc(String... args) {
        return orcWithInput("", args);
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
