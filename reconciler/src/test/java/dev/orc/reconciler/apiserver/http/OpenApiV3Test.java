package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.openapi.OpenApiDocuments;
import dev.orc.reconciler.apiserver.ApiClient;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /openapi/v3} over real HTTP: the index of group-versions, their documents and caching as kube-apiserver's. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiV3Test {
    private Store store;
    private ApiServer server;
    private ApiClient api;

    @BeforeAll
    void start() throws IOException {
        store = SqliteStore.open(Files.createTempDirectory("orc-openapi"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(new TokenAuthenticator(Map.of("t", "admin", "v", "viewer"))));
        api = new ApiClient(server.url(), "t");
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    private String documentUrl(String path) {
        return api.get("/openapi/v3").body().path("paths").path(path).path("serverRelativeURL").asText();
    }

    @Test
    void theIndexListsEveryGroupVersionWithAHashedUrl() {
        ApiClient.Response index = api.get("/openapi/v3");

        assertThat(index.code()).isEqualTo(200);
        assertThat(index.headers().firstValue("ETag")).isPresent();
        Set<String> expected = ResourceTypes.all().stream().map(OpenApiDocuments::path).collect(Collectors.toSet());
        assertThat(index.body().path("paths").properties().stream().map(Map.Entry::getKey).collect(Collectors.toSet()))
                .isEqualTo(expected).contains("api/v1", "apis/apps/v1", "apis/orc.dev/v1");
        assertThat(documentUrl("apis/apps/v1")).matches("/openapi/v3/apis/apps/v1\\?hash=[0-9A-F]{128}");
    }

    @Test
    void eachDocumentHoldsEveryKindOfItsGroupVersion() {
        for (ResourceType type : ResourceTypes.all()) {
            ApiClient.Response document = api.get(documentUrl(OpenApiDocuments.path(type)));

            assertThat(document.code()).isEqualTo(200);
            JsonNode kinds = document.body().path("components").path("schemas").findValues("x-kubernetes-group-version-kind")
                    .stream().map(gvk -> gvk.path(0)).filter(gvk -> gvk.path("kind").asText().equals(type.kind()))
                    .findFirst().orElseThrow(() -> new AssertionError("no schema of " + type.kind()));
            assertThat(kinds.path("group").asText()).isEqualTo(type.group());
            assertThat(kinds.path("version").asText()).isEqualTo(type.version());
        }
    }

    @Test
    void aDocumentAskedForByItsHashIsCacheableForAYear() {
        String url = documentUrl("apis/apps/v1");
        String hash = url.substring(url.indexOf("hash=") + "hash=".length());

        ApiClient.Response document = api.get(url, "application/json");

        assertThat(document.code()).isEqualTo(200);
        assertThat(document.headers().firstValue("ETag")).contains("\"" + hash + "\"");
        assertThat(document.headers().firstValue("Cache-Control")).contains("public, immutable");
        assertThat(document.headers().firstValue("Vary")).contains("Accept");
        assertThat(document.headers().firstValue("Expires")).isPresent();
        assertThat(document.body().path("components").path("schemas").has("io.k8s.api.apps.v1.Deployment")).isTrue();
    }

    @Test
    void aDocumentAskedForWithoutAHashIsNotMarkedImmutable() {
        ApiClient.Response document = api.get("/openapi/v3/api/v1");

        assertThat(document.code()).isEqualTo(200);
        assertThat(document.headers().firstValue("Cache-Control")).isEmpty();
        assertThat(document.body().path("components").path("schemas").has("io.k8s.api.core.v1.Pod")).isTrue();
    }

    @Test
    void anOutdatedHashIsRedirectedToTheCurrentDocument() {
        ApiClient.Response moved = api.get("/openapi/v3/apis/apps/v1?hash=0123");

        assertThat(moved.code()).isEqualTo(301);
        assertThat(moved.headers().firstValue("Location")).contains(documentUrl("apis/apps/v1"));
    }

    @Test
    void theCurrentEtagIsAnsweredNotModified() throws IOException, InterruptedException {
        String url = documentUrl("apis/batch/v1");
        String etag = api.get(url).headers().firstValue("ETag").orElseThrow();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(server.url().resolve(url))
                .header("Authorization", "Bearer t").header("If-None-Match", etag).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(304);
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void aDocumentOnlyInProtobufIsNotAcceptable() {
        ApiClient.Response refused = api.get(documentUrl("api/v1"), "application/com.github.proto-openapi.spec.v3@v1.0+protobuf");

        assertThat(refused.code()).isEqualTo(406);
        assertThat(refused.body().path("reason").asText()).isEqualTo("NotAcceptable");
    }

    @Test
    void anyAuthenticatedUserMayReadTheDocuments() {
        ApiClient viewer = new ApiClient(server.url(), "v");

        assertThat(viewer.get("/openapi/v3").code()).isEqualTo(200);
        assertThat(viewer.get(documentUrl("apis/apps/v1")).code()).isEqualTo(200);
    }

    @Test
    void anUnknownGroupVersionIsNotFound() {
        assertThat(api.get("/openapi/v3/apis/example.com/v1").code()).isEqualTo(404);
    }
}
