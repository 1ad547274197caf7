package dev.orc.reconciler.apiserver.http;

import dev.orc.api.openapi.SwaggerProtobuf;
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

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /openapi/v2} over real HTTP: the Swagger 2.0 document in JSON and in protobuf, each with its ETag. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiV2Test {
    private Store store;
    private ApiServer server;
    private ApiClient api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws IOException {
        store = SqliteStore.open(Files.createTempDirectory("orc-openapi-v2"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(new TokenAuthenticator(Map.of("t", "admin"))));
        api = new ApiClient(server.url(), "t");
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    private HttpResponse<byte[]> get(String accept, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url().resolve("/openapi/v2"))
                .header("Authorization", "Bearer t").header("Accept", accept);
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theJsonDocumentDefinesEveryKindWithItsGroupVersionKind() {
        ApiClient.Response document = api.get("/openapi/v2", "application/json");

        assertThat(document.code()).isEqualTo(200);
        assertThat(document.headers().firstValue("ETag")).isPresent();
        assertThat(document.body().path("swagger").asText()).isEqualTo("2.0");
        assertThat(document.body().at("/definitions/io.k8s.api.apps.v1.Deployment/x-kubernetes-group-version-kind/0/kind")
                .asText()).isEqualTo("Deployment");
    }

    @Test
    void kubectlsProtobufRequestGetsTheProtobufDocumentWithAnEtagOfItsOwn() throws Exception {
        HttpResponse<byte[]> protobuf = get(SwaggerProtobuf.CONTENT_TYPE, null);
        HttpResponse<byte[]> json = get("application/json", null);

        assertThat(protobuf.statusCode()).isEqualTo(200);
        assertThat(protobuf.headers().firstValue("Content-Type")).contains(SwaggerProtobuf.ANSWER_CONTENT_TYPE);
        assertThat(protobuf.body()).hasSizeGreaterThan(10_000);
        assertThat(protobuf.body()[0]).isEqualTo((byte) 0x0a);
        assertThat(protobuf.headers().firstValue("ETag")).isPresent().isNotEqualTo(json.headers().firstValue("ETag"));
        assertThat(protobuf.headers().firstValue("Vary")).contains("Accept");
    }

    @Test
    void theCurrentEtagIsAnsweredNotModified() throws Exception {
        String etag = get(SwaggerProtobuf.CONTENT_TYPE, null).headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> answer = get(SwaggerProtobuf.CONTENT_TYPE, etag);

        assertThat(answer.statusCode()).isEqualTo(304);
        assertThat(answer.body()).isEmpty();
        assertThat(get(SwaggerProtobuf.CONTENT_TYPE, "\"stale\"").statusCode()).isEqualTo(200);
    }
}
