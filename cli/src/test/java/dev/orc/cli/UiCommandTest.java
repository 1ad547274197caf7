package dev.orc.cli;

import dev.orc.api.json.Json;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orc ui} prints a one-time link that logs the browser in as the caller. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UiCommandTest {
    private Path dir;
    private Store store;
    private ApiServer server;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("orc-ui");
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, "admin-token,admin,admin,\"system:masters\"\njane-token,jane\n");
        store = SqliteStore.open(dir.resolve("store"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(TokenAuthenticator.fromFile(tokens)).withRbac());
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void printsALinkThatLogsInOnceAsTheCaller() throws Exception {
        CommandRun run = CommandRun.inHome(dir.resolve("home"), "ui", "--server", server.url().toString(),
                "--token", "jane-token");

        assertThat(run.exitCode()).isEqualTo(0);
        String link = run.out().lines().findFirst().orElseThrow();
        assertThat(link).startsWith(server.url() + "/ui/#login=");
        String code = link.substring(link.indexOf("#login=") + 7);
        assertThat(exchange(code)).isEqualTo("jane");
        assertThat(exchange(code)).isEqualTo("refused");
    }

    @Test
    void anUnknownTokenGetsNoLink() {
        CommandRun run = CommandRun.inHome(dir.resolve("home"), "ui", "--server", server.url().toString(),
                "--token", "nobody");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
    }

    private String exchange(String code) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/ui/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 ? Json.parse(answer.body()).path("user").asText() : "refused";
    }
}
