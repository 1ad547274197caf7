package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.reconciler.apiserver.ApiClient;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.Fixtures;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Server-side apply over HTTP, through the cases of the Kubernetes documentation's "Server-Side Apply" page. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerSideApplyTest {
    private static final String APPLY = "application/apply-patch+yaml";
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private Store store;
    private ApiServer server;
    private ApiClient api;
    private String ns;

    @BeforeAll
    void start() throws IOException {
        store = SqliteStore.open(Files.createTempDirectory("orc-ssa"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(new TokenAuthenticator(Map.of("t", "admin"))));
        api = new ApiClient(server.url(), "t");
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    @BeforeEach
    void namespace() {
        ns = "ssa" + NAMESPACES.incrementAndGet();
        assertThat(api.post("/api/v1/namespaces", Fixtures.namespace(ns)).code()).isEqualTo(201);
    }

    private String path() {
        return "/apis/apps/v1/namespaces/" + ns + "/deployments/web";
    }

    private ApiClient.Response apply(String manager, boolean force, String yaml) {
        return api.sendRaw("PATCH", path() + "?fieldManager=" + manager + (force ? "&force=true" : ""),
                yaml.getBytes(StandardCharsets.UTF_8), APPLY);
    }

    private static String deployment(String extra) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: nginx:1
                %s""".formatted(extra);
    }

    private static List<String> managers(JsonNode object) {
        List<String> managers = new ArrayList<>();
        object.at("/metadata/managedFields").forEach(m -> managers.add(m.path("manager").asText() + ":"
                + m.path("operation").asText()));
        return managers;
    }

    @Test
    void applyCreatesTheObjectAndRecordsItsFieldsAsFieldsV1() {
        ApiClient.Response created = apply("alice", false, deployment("  replicas: 2\n"));

        assertThat(created.code()).as(created.body().toString()).isEqualTo(201);
        JsonNode entry = created.body().at("/metadata/managedFields/0");
        assertThat(entry.path("manager").asText()).isEqualTo("alice");
        assertThat(entry.path("operation").asText()).isEqualTo("Apply");
        assertThat(entry.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(entry.path("fieldsType").asText()).isEqualTo("FieldsV1");
        JsonNode fields = entry.path("fieldsV1");
        assertThat(fields.at("/f:spec/f:replicas").isObject()).isTrue();
        JsonNode container = fields.at("/f:spec/f:template/f:spec/f:containers").path("k:{\"name\":\"web\"}");
        assertThat(container.has(".")).isTrue();
        assertThat(container.has("f:image")).isTrue();
        assertThat(fields.has("f:status")).isFalse();
        assertThat(fields.path("f:metadata").has("f:name")).isFalse();
    }

    @Test
    void twoManagersOwningDifferentFieldsBothKeepThem() {
        apply("alice", false, deployment("  replicas: 2\n"));
        ApiClient.Response bob = apply("bob", false, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels: {team: shop}
                """);

        assertThat(bob.code()).as(bob.body().toString()).isEqualTo(200);
        assertThat(bob.body().at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(bob.body().at("/metadata/labels/team").asText()).isEqualTo("shop");
        assertThat(managers(bob.body())).containsExactly("alice:Apply", "bob:Apply");
    }

    @Test
    void aFieldAnotherManagerOwnsWithAnotherValueIsAConflictNamingTheFieldAndTheManager() {
        apply("alice", false, deployment("  replicas: 2\n"));

        ApiClient.Response refused = apply("bob", false, deployment("  replicas: 5\n"));

        assertThat(refused.code()).isEqualTo(409);
        assertThat(refused.body().path("reason").asText()).isEqualTo("Conflict");
        assertThat(refused.body().path("message").asText())
                .isEqualTo("Apply failed with 1 conflict: conflict with \"alice\": .spec.replicas");
        JsonNode cause = refused.body().at("/details/causes/0");
        assertThat(cause.path("reason").asText()).isEqualTo("FieldManagerConflict");
        assertThat(cause.path("field").asText()).isEqualTo(".spec.replicas");
        assertThat(api.get(path()).body().at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void theSameValueIsSharedAndStaysWhenOneOfTheOwnersDropsIt() {
        apply("alice", false, deployment("  replicas: 2\n"));
        assertThat(apply("bob", false, deployment("  replicas: 2\n")).code()).isEqualTo(200);

        ApiClient.Response dropped = apply("alice", false, deployment(""));

        assertThat(dropped.code()).isEqualTo(200);
        assertThat(dropped.body().at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void forceMovesTheFieldToTheApplierSoTheFormerOwnerNeitherRemovesNorChangesItWithoutConflict() {
        apply("alice", false, deployment("  replicas: 2\n"));

        ApiClient.Response forced = apply("bob", true, deployment("  replicas: 5\n"));

        assertThat(forced.code()).as(forced.body().toString()).isEqualTo(200);
        assertThat(forced.body().at("/spec/replicas").asInt()).isEqualTo(5);
        JsonNode alice = forced.body().at("/metadata/managedFields/0");
        assertThat(alice.path("manager").asText()).isEqualTo("alice");
        assertThat(alice.at("/fieldsV1/f:spec").has("f:replicas")).isFalse();

        assertThat(apply("alice", false, deployment("")).body().at("/spec/replicas").asInt()).isEqualTo(5);
        ApiClient.Response back = apply("alice", false, deployment("  replicas: 3\n"));
        assertThat(back.code()).isEqualTo(409);
        assertThat(back.body().path("message").asText()).contains("conflict with \"bob\": .spec.replicas");
    }

    @Test
    void aFieldItsOnlyManagerStopsApplyingIsRemoved() {
        apply("alice", false, deployment("  replicas: 2\n").replace("name: web\nspec", "name: web\n  labels: {tier: front}\nspec"));
        assertThat(api.get(path()).body().at("/metadata/labels/tier").asText()).isEqualTo("front");

        ApiClient.Response removed = apply("alice", false, deployment("  replicas: 2\n"));

        assertThat(removed.body().at("/metadata/labels").has("tier")).isFalse();
        assertThat(removed.body().at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void aContainerOneManagerAddsIsMergedByNameAndRemovedWhenItStopsApplyingIt() {
        apply("alice", false, deployment("  replicas: 2\n"));
        String sidecar = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                      - {name: proxy, image: envoy:1}
                """;
        ApiClient.Response added = apply("bob", false, sidecar);
        assertThat(added.body().at("/spec/template/spec/containers").size()).isEqualTo(2);

        ApiClient.Response removed = apply("bob", false, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                """);

        assertThat(removed.body().at("/spec/template/spec/containers").size()).isEqualTo(1);
        assertThat(removed.body().at("/spec/template/spec/containers/0/name").asText()).isEqualTo("web");
    }

    @Test
    void applyingTheSameConfigurationAgainWritesNothing() {
        String first = apply("alice", false, deployment("  replicas: 2\n")).body().at("/metadata/resourceVersion").asText();

        ApiClient.Response again = apply("alice", false, deployment("  replicas: 2\n"));

        assertThat(again.code()).isEqualTo(200);
        assertThat(again.body().at("/metadata/resourceVersion").asText()).isEqualTo(first);
    }

    @Test
    void applyNeedsAFieldManagerAndAMatchingName() {
        ApiClient.Response noManager = api.sendRaw("PATCH", path(), deployment("").getBytes(StandardCharsets.UTF_8), APPLY);
        assertThat(noManager.code()).isEqualTo(400);
        assertThat(noManager.body().path("message").asText()).isEqualTo("fieldManager is required for apply requests");

        ApiClient.Response otherName = apply("alice", false, deployment("").replace("name: web\n", "name: shop\n"));
        assertThat(otherName.code()).isEqualTo(400);
    }
}
