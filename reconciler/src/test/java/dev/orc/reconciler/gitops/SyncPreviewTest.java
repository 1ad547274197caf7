package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server's preview of a sync ({@code GET .../gitsources/NAME/diff}): it fetches and plans as a sync would,
 * answers each change with the live object and the server's dry run of it, masks Secret values, changes nothing,
 * and reports a failed fetch or invalid manifests as errors rather than failing the request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncPreviewTest {
    private static final String TOKEN = "preview-token";

    private Store store;
    private ApiServer server;
    private ApiClient client;

    @BeforeAll
    void start() throws Exception {
        store = SqliteStore.open(Files.createTempDirectory("orc-sync-preview"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(new TokenAuthenticator(Map.of(TOKEN, "admin"))).withGitOps(GitOpsPolicy.standard().withFileUrls()));
        client = ApiClient.connect(new ClientConfig(server.url(), TOKEN, null, "default"));
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void aPreviewShowsEachChangeAsLiveAndDryRunObjectsAndWritesNothing(@TempDir Path dir) throws Exception {
        try (TestRepository repo = TestRepository.create(dir.resolve("repo"))) {
            repo.write("deploy/settings.yaml", configMap("settings", "blue"))
                    .write("deploy/token.yaml", secret("token", "new-value"));
            String commit = repo.commit("settings and token");
            ObjectNode live = (ObjectNode) Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"Secret\","
                    + "\"metadata\":{\"name\":\"token\",\"annotations\":{\"orc.dev/adopt\":\"true\"}},"
                    + "\"stringData\":{\"password\":\"old-value\"}}");
            client.create(ResourceTypes.SECRET, "default", live, WriteOptions.defaults());
            source("apps", repo.url());

            ObjectNode preview = client.previewSync("default", "apps", Duration.ofSeconds(30));

            assertThat(preview.path("kind").asText()).isEqualTo("SyncPreview");
            assertThat(preview.path("commit").asText()).isEqualTo(commit);
            assertThat(preview.path("errors")).isEmpty();
            JsonNode create = change(preview, "ConfigMap", "settings");
            assertThat(create.path("action").asText()).isEqualTo("Create");
            assertThat(create.has("live")).isFalse();
            assertThat(create.path("desired").path("data").path("color").asText()).isEqualTo("blue");
            assertThat(create.path("desired").path("metadata").path("uid").asText()).isNotEmpty();

            JsonNode update = change(preview, "Secret", "token");
            assertThat(update.path("action").asText()).isEqualTo("Update");
            assertThat(update.path("live").path("stringData").path("password").asText(
                    update.path("live").path("data").path("password").asText())).isEqualTo("*** (before)");
            assertThat(update.path("desired").path("data").path("password").asText(
                    update.path("desired").path("stringData").path("password").asText())).isEqualTo("*** (after)");
            assertThat(update.toString()).doesNotContain("old-value").doesNotContain("new-value")
                    .doesNotContain("b2xkLXZhbHVl").doesNotContain("bmV3LXZhbHVl");

            assertThatThrownBy(() -> client.get(ResourceTypes.CONFIG_MAP, "default", "settings"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isNotFound()).isTrue());
        }
    }

    @Test
    void aFetchThatFailsOrAnInvalidManifestIsReportedAsErrors(@TempDir Path dir) throws Exception {
        source("nowhere", dir.resolve("missing").toUri().toString());
        ObjectNode unreachable = client.previewSync("default", "nowhere", Duration.ofSeconds(10));
        assertThat(unreachable.has("commit")).isFalse();
        assertThat(texts(unreachable.path("errors"))).singleElement().asString().startsWith("cannot fetch ");

        try (TestRepository repo = TestRepository.create(dir.resolve("bad"))) {
            repo.write("deploy/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata: [1]\n");
            repo.commit("broken");
            source("broken", repo.url());
            ObjectNode invalid = client.previewSync("default", "broken", Duration.ofSeconds(30));
            assertThat(invalid.path("commit").asText()).isNotEmpty();
            assertThat(texts(invalid.path("errors"))).singleElement().asString().contains("broken.yaml:");
        }
    }

    @Test
    void anUnknownSourceIsNotFound() {
        assertThatThrownBy(() -> client.previewSync("default", "ghost", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    private void source(String name, String url) {
        ObjectNode source = (ObjectNode) Json.parse("{\"apiVersion\":\"orc.dev/v1\",\"kind\":\"GitSource\","
                + "\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\"},"
                + "\"spec\":{\"url\":\"" + url + "\",\"ref\":{\"branch\":\"main\"},\"path\":\"deploy\"}}");
        client.create(ResourceTypes.GIT_SOURCE, "default", source, WriteOptions.defaults());
    }

    private static JsonNode change(ObjectNode preview, String kind, String name) {
        for (JsonNode change : preview.path("changes")) {
            if (change.path("kind").asText().equals(kind) && change.path("name").asText().equals(name)) {
                return change;
            }
        }
        throw new AssertionError("no change of " + kind + " " + name + " in " + preview.toPrettyString());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static String configMap(String name, String color) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  color: " + color + "\n";
    }

    private static String secret(String name, String password) {
        return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name + "\nstringData:\n  password: " + password + "\n";
    }
}
