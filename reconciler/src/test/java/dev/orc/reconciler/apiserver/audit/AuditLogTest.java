package dev.orc.reconciler.apiserver.audit;

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
import dev.orc.reconciler.apiserver.Fixtures;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit log of a real server: one line per request, at its policy's level, and never a Secret's value. */
class AuditLogTest {
    @TempDir
    Path dir;
    private Store store;
    private ApiServer server;
    private Path log;

    @BeforeEach
    void start() throws IOException {
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, """
                admin-token,admin,admin-uid,"system:masters,ops"
                jane-token,jane,1001
                """);
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                - level: None
                  nonResourceURLs: ["/healthz*", /livez, /readyz]
                - level: Request
                  resources:
                  - group: ""
                    resources: [configmaps, secrets]
                - level: Metadata
                """);
        log = dir.resolve("audit/audit.log");
        store = SqliteStore.open(dir.resolve("store"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(TokenAuthenticator.fromFile(tokens)).withRbac()
                .withAudit(new AuditSettings(AuditPolicy.read(policy), new AuditFile(log, 1024 * 1024, 1))));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void eachRequestIsOneLineNamingWhoDidWhatToWhichObjectWithWhatResult() throws Exception {
        ApiClient admin = client("admin-token");
        admin.create(ResourceTypes.CONFIG_MAP, "default", Fixtures.configMap("settings", "blue"), WriteOptions.defaults());
        assertThatThrownBy(() -> client("jane-token").create(ResourceTypes.CONFIG_MAP, "default",
                Fixtures.configMap("mine", "1"), WriteOptions.defaults())).isInstanceOf(ApiException.class);
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.url().resolve("/api/v1/namespaces/default/pods")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.url().resolve("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());

        List<JsonNode> events = events();
        assertThat(events).extracting(e -> e.path("verb").asText() + " " + e.path("responseStatus").path("code").asInt()
                + " " + e.path("user").path("username").asText()).containsSubsequence(
                "create 201 admin", "create 403 jane", "list 401 system:anonymous");
        assertThat(events).noneMatch(e -> e.path("requestURI").asText().startsWith("/healthz"));
        JsonNode created = events.stream().filter(e -> e.path("responseStatus").path("code").asInt() == 201).findFirst()
                .orElseThrow();
        assertThat(created.path("apiVersion").asText()).isEqualTo("audit.k8s.io/v1");
        assertThat(created.path("kind").asText()).isEqualTo("Event");
        assertThat(created.path("level").asText()).isEqualTo("Request");
        assertThat(created.path("stage").asText()).isEqualTo("ResponseComplete");
        assertThat(created.path("user").path("uid").asText()).isEqualTo("admin-uid");
        assertThat(created.path("user").path("groups")).extracting(JsonNode::asText).contains("system:masters", "ops");
        assertThat(created.path("objectRef").path("resource").asText()).isEqualTo("configmaps");
        assertThat(created.path("objectRef").path("namespace").asText()).isEqualTo("default");
        assertThat(created.path("sourceIPs").get(0).asText()).isEqualTo("127.0.0.1");
        assertThat(created.at("/requestObject/data/key").asText()).isEqualTo("blue");
        assertThat(created.at("/annotations/orc.dev~1latency").asText()).matches("\\d+\\.\\dms");
        assertThat(created.path("auditID").asText()).isNotEmpty();
    }

    @Test
    void aSecretsValueNeverReachesTheLogWhateverThePolicySays() throws Exception {
        ObjectNode secret = (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},
                 "stringData":{"password":"hunter2-in-clear"},"data":{"token":"c2VjcmV0LWJ5dGVz"}}""");
        client("admin-token").create(ResourceTypes.SECRET, "default", secret, WriteOptions.defaults());

        String text = Files.readString(log);
        assertThat(text).contains("\"resource\":\"secrets\"").doesNotContain("hunter2-in-clear", "c2VjcmV0LWJ5dGVz");
        JsonNode event = events().stream().filter(e -> e.at("/objectRef/resource").asText().equals("secrets")).findFirst()
                .orElseThrow();
        assertThat(event.path("level").asText()).isEqualTo("Request");
        assertThat(event.has("requestObject")).isFalse();
    }

    private List<JsonNode> events() throws IOException {
        return Files.readAllLines(log).stream().map(Json::parse).toList();
    }

    private ApiClient client(String token) {
        return ApiClient.connect(new ClientConfig(URI.create(server.url().toString()), token, null, "default"));
    }
}
