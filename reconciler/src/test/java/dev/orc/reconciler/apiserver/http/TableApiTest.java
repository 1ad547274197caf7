package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.table.Column;
import dev.orc.api.table.Columns;
import dev.orc.reconciler.apiserver.ApiClient;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.Fixtures;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Server-side printing over real HTTP: the Accept header kubectl sends is answered with a meta.k8s.io Table. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TableApiTest {
    private static final String KUBECTL_ACCEPT =
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    private static final String NS = "tables";

    private Store store;
    private ApiServer server;
    private ApiClient api;

    @BeforeAll
    void start() throws IOException {
        store = SqliteStore.open(Files.createTempDirectory("orc-tables"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(new TokenAuthenticator(Map.of("t", "admin"))));
        api = new ApiClient(server.url(), "t");
        assertThat(api.post("/api/v1/namespaces", Fixtures.namespace(NS)).code()).isEqualTo(201);
        assertThat(api.post("/api/v1/namespaces/" + NS + "/pods", Fixtures.pod("web", "web")).code()).isEqualTo(201);
        assertThat(api.post("/apis/apps/v1/namespaces/" + NS + "/deployments", Fixtures.deployment("shop", 3)).code())
                .isEqualTo(201);
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    static List<ResourceType> kinds() {
        return ResourceTypes.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyKindsListIsATableWhenKubectlAsksForOne(ResourceType type) {
        ApiClient.Response response = api.get(type.path(NS, null), KUBECTL_ACCEPT);

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body().path("kind").asText()).isEqualTo("Table");
        assertThat(response.body().path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(response.body().at("/metadata/resourceVersion").asText()).isNotEmpty();
        List<String> names = new ArrayList<>();
        response.body().path("columnDefinitions").forEach(c -> names.add(c.path("name").asText()));
        assertThat(names).isEqualTo(Columns.of(type).stream().map(Column::name).toList());
    }

    @Test
    void aPodsRowHoldsKubectlsCellsAndItsMetadata() {
        JsonNode table = api.get("/api/v1/namespaces/" + NS + "/pods", KUBECTL_ACCEPT).body();

        assertThat(table.path("rows")).hasSize(1);
        JsonNode row = table.at("/rows/0");
        assertThat(row.at("/cells/0").asText()).isEqualTo("web");
        assertThat(row.at("/cells/1").asText()).isEqualTo("0/2");
        assertThat(row.at("/cells/2").asText()).isEqualTo("Pending");
        assertThat(row.at("/cells/3").isNumber()).isTrue();
        assertThat(row.at("/object/kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(row.at("/object/metadata/uid").asText()).isNotEmpty();
    }

    @Test
    void getOfOneObjectIsATableOfOneRowWithTheObjectWhenAsked() {
        JsonNode table = api.get("/apis/apps/v1/namespaces/" + NS + "/deployments/shop?includeObject=Object",
                "application/json;as=Table;v=v1beta1;g=meta.k8s.io").body();

        assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1beta1");
        assertThat(table.at("/rows/0/cells/0").asText()).isEqualTo("shop");
        assertThat(table.at("/rows/0/cells/1").asText()).isEqualTo("0/3");
        assertThat(table.at("/rows/0/object/kind").asText()).isEqualTo("Deployment");
        assertThat(table.at("/rows/0/object/spec/replicas").asInt()).isEqualTo(3);
    }

    @Test
    void aWatchAskingForATableStreamsEachObjectAsATableOfOneRowAndBookmarksAsThemselves() throws Exception {
        assertThat(api.post("/api/v1/namespaces", Fixtures.namespace("watched")).code()).isEqualTo(201);
        String version = api.get("/api/v1/namespaces/watched/pods", KUBECTL_ACCEPT).body()
                .at("/metadata/resourceVersion").asText();
        HttpRequest watch = HttpRequest.newBuilder(server.url().resolve("/api/v1/namespaces/watched/pods?watch=true&allowWatchBookmarks=true&timeoutSeconds=5&resourceVersion=" + version))
                .header("Authorization", "Bearer t").header("Accept", KUBECTL_ACCEPT).build();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> lines = HttpClient.newHttpClient()
                .sendAsync(watch, HttpResponse.BodyHandlers.ofLines());
        assertThat(lines.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/namespaces/watched/pods", Fixtures.pod("watched", "web")).code()).isEqualTo(201);

        JsonNode added = lines.get().body().map(Json::parse).filter(e -> e.path("type").asText().equals("ADDED"))
                .findFirst().orElseThrow();

        assertThat(added.at("/object/kind").asText()).isEqualTo("Table");
        assertThat(added.at("/object/columnDefinitions/0/name").asText()).isEqualTo("Name");
        assertThat(added.at("/object/rows")).hasSize(1);
        assertThat(added.at("/object/rows/0/cells/0").asText()).isEqualTo("watched");
        assertThat(added.at("/object/rows/0/object/kind").asText()).isEqualTo("PartialObjectMetadata");
    }

    @Test
    void plainJsonFirstOrNoAcceptGivesTheObjects() {
        assertThat(api.get("/api/v1/namespaces/" + NS + "/pods", "application/json,application/json;as=Table;v=v1;g=meta.k8s.io")
                .body().path("kind").asText()).isEqualTo("PodList");
        assertThat(api.get("/api/v1/namespaces/" + NS + "/pods/web").body().path("kind").asText()).isEqualTo("Pod");
    }

    @Test
    void aMissingObjectIsStillA404AndABadIncludeObjectA400() {
        assertThat(api.get("/api/v1/namespaces/" + NS + "/pods/nope", KUBECTL_ACCEPT).code()).isEqualTo(404);
        ApiClient.Response bad = api.get("/api/v1/namespaces/" + NS + "/pods?includeObject=All", KUBECTL_ACCEPT);
        assertThat(bad.code()).isEqualTo(400);
        assertThat(bad.body().path("message").asText()).contains("includeObject");
    }
}
