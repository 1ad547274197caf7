package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.reconciler.apiserver.ApiClient;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.Fixtures;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Field ownership of writes that are not applies (create, update, patches, the status and scale subresources), as
 * the Kubernetes documentation's "Server-Side Apply" page describes it, over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpdateOwnershipTest {
    private static final String APPLY = "application/apply-patch+yaml";
    private static final String MERGE = "application/merge-patch+json";
    private static final String KUBECTL = "kubectl/v1.32.0 (linux/amd64) kubernetes/70d3cc9";
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final ManualClock clock = new ManualClock();
    private Instant start;
    private Store store;
    private ApiServer server;
    private ApiClient api;
    private String ns;

    @BeforeAll
    void start() throws IOException {
        store = SqliteStore.open(Files.createTempDirectory("orc-ownership"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store).withClock(clock)
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
        ns = "own" + NAMESPACES.incrementAndGet();
        start = clock.instant();
        assertThat(api.post("/api/v1/namespaces", Fixtures.namespace(ns)).code()).isEqualTo(201);
    }

    private String collection() {
        return "/apis/apps/v1/namespaces/" + ns + "/deployments";
    }

    private String path() {
        return collection() + "/web";
    }

    private ApiClient.Response apply(String manager, boolean force, String replicas) {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels: {tier: front}
                spec:
                  replicas: %s
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: nginx:1
                """.formatted(replicas);
        return api.sendRaw("PATCH", path() + "?fieldManager=" + manager + (force ? "&force=true" : ""),
                yaml.getBytes(StandardCharsets.UTF_8), APPLY);
    }

    private static JsonNode entry(JsonNode object, String manager, String operation) {
        for (JsonNode entry : object.at("/metadata/managedFields")) {
            if (entry.path("manager").asText().equals(manager) && entry.path("operation").asText().equals(operation)) {
                return entry;
            }
        }
        return Json.object();
    }

    private static List<String> managers(JsonNode object) {
        List<String> managers = new ArrayList<>();
        object.at("/metadata/managedFields").forEach(m -> managers.add(m.path("manager").asText() + ":"
                + m.path("operation").asText() + (m.has("subresource") ? "/" + m.path("subresource").asText() : "")));
        return managers;
    }

    @Test
    void aCreateRecordsEveryFieldItSetAsAnUpdateOfTheUserAgentsName() {
        ApiClient.Response created = api.as(KUBECTL).post(collection(), Fixtures.deployment("web", 2));

        assertThat(created.code()).as(created.body().toString()).isEqualTo(201);
        assertThat(managers(created.body())).containsExactly("kubectl:Update");
        JsonNode entry = entry(created.body(), "kubectl", "Update");
        assertThat(entry.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(entry.path("time").asText()).isEqualTo(start.toString());
        assertThat(entry.path("fieldsType").asText()).isEqualTo("FieldsV1");
        assertThat(entry.has("subresource")).isFalse();
        JsonNode fields = entry.path("fieldsV1");
        assertThat(fields.at("/f:spec/f:replicas").isObject()).isTrue();
        assertThat(fields.at("/f:metadata/f:labels/f:app").isObject()).isTrue();
        assertThat(fields.at("/f:spec/f:template/f:spec/f:containers").path("k:{\"name\":\"web\"}").has("f:image")).isTrue();
        assertThat(fields.at("/f:spec/f:strategy").isObject()).as("defaults are the creator's, as in Kubernetes").isTrue();
        assertThat(fields.has("f:status")).isFalse();
        assertThat(fields.path("f:metadata").has("f:name")).isFalse();
    }

    @Test
    void theFieldManagerParameterNamesTheWriterBeforeTheUserAgent() {
        ApiClient.Response created = api.as(KUBECTL).post(collection() + "?fieldManager=kubectl-create",
                Fixtures.deployment("web", 2));

        assertThat(managers(created.body())).containsExactly("kubectl-create:Update");
    }

    @Test
    void anUpdateTakesTheFieldsItChangesFromTheirFormerManagerWithoutConflict() {
        api.post(collection() + "?fieldManager=alice", Fixtures.deployment("web", 2));
        ObjectNode changed = (ObjectNode) api.get(path()).body();
        ((ObjectNode) changed.get("spec")).put("replicas", 4);
        ((ObjectNode) changed.at("/spec/template/spec/containers/0")).put("image", "nginx:2");
        clock.advance(Duration.ofMinutes(1));

        ApiClient.Response updated = api.put(path() + "?fieldManager=bob", changed);

        assertThat(updated.code()).as(updated.body().toString()).isEqualTo(200);
        assertThat(managers(updated.body())).containsExactly("alice:Update", "bob:Update");
        JsonNode bob = entry(updated.body(), "bob", "Update").path("fieldsV1");
        assertThat(bob.at("/f:spec/f:replicas").isObject()).isTrue();
        assertThat(bob.at("/f:spec/f:template/f:spec/f:containers").path("k:{\"name\":\"web\"}").has("f:image")).isTrue();
        assertThat(bob.path("f:metadata").isMissingNode()).as("bob changed no label").isTrue();
        JsonNode alice = entry(updated.body(), "alice", "Update");
        assertThat(alice.at("/fieldsV1/f:spec").has("f:replicas")).isFalse();
        assertThat(alice.at("/fieldsV1/f:spec/f:template/f:spec/f:containers").path("k:{\"name\":\"web\"}").has("f:image"))
                .isFalse();
        assertThat(alice.at("/fieldsV1/f:metadata/f:labels").has("f:app")).isTrue();
        assertThat(alice.path("time").asText()).as("losing fields to another manager keeps an entry's time")
                .isEqualTo(start.toString());
    }

    @Test
    void afterAScaleAnApplyOfAnotherReplicaCountConflictsWithTheScalerUnlessForced() {
        assertThat(apply("alice", false, "2").code()).isEqualTo(201);

        ApiClient.Response scaled = api.as(KUBECTL).patch(path() + "/scale", MERGE, "{\"spec\":{\"replicas\":3}}");

        assertThat(scaled.code()).as(scaled.body().toString()).isEqualTo(200);
        JsonNode object = api.get(path()).body();
        assertThat(managers(object)).containsExactly("alice:Apply", "kubectl:Update/scale");
        JsonNode scaler = entry(object, "kubectl", "Update");
        assertThat(scaler.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(scaler.path("fieldsV1")).isEqualTo(Json.parse("{\"f:spec\":{\"f:replicas\":{}}}"));
        assertThat(entry(object, "alice", "Apply").at("/fieldsV1/f:spec").has("f:replicas")).isFalse();

        ApiClient.Response refused = apply("alice", false, "2");

        assertThat(refused.code()).isEqualTo(409);
        assertThat(refused.body().path("message").asText()).isEqualTo("Apply failed with 1 conflict: "
                + "conflict with \"kubectl\" with subresource \"scale\" using apps/v1: .spec.replicas");
        assertThat(refused.body().at("/details/causes/0/field").asText()).isEqualTo(".spec.replicas");
        assertThat(api.get(path()).body().at("/spec/replicas").asInt()).isEqualTo(3);

        ApiClient.Response forced = apply("alice", true, "2");

        assertThat(forced.code()).as(forced.body().toString()).isEqualTo(200);
        assertThat(forced.body().at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(managers(forced.body())).as("the scaler owned nothing else").containsExactly("alice:Apply");
    }

    @Test
    void anApplyThatSetsTheValueAnotherManagerPatchedInIsNoConflict() {
        apply("alice", false, "2");
        api.patch(path() + "?fieldManager=bob", MERGE, "{\"spec\":{\"replicas\":5}}");

        ApiClient.Response refused = apply("carol", false, "2");
        ApiClient.Response agreed = apply("carol", false, "5");

        assertThat(refused.code()).isEqualTo(409);
        assertThat(refused.body().path("message").asText())
                .isEqualTo("Apply failed with 1 conflict: conflict with \"bob\" using apps/v1: .spec.replicas");
        assertThat(agreed.code()).as(agreed.body().toString()).isEqualTo(200);
    }

    @Test
    void severalConflictsAreListedByManager() {
        apply("alice", false, "2");
        api.patch(path() + "?fieldManager=bob", MERGE,
                "{\"metadata\":{\"labels\":{\"tier\":\"back\"}},\"spec\":{\"replicas\":5}}");

        ApiClient.Response refused = apply("alice", false, "2");

        assertThat(refused.code()).isEqualTo(409);
        assertThat(refused.body().path("message").asText()).isEqualTo("""
                Apply failed with 2 conflicts: conflicts with "bob" using apps/v1:
                - .metadata.labels.tier
                - .spec.replicas""");
        assertThat(refused.body().at("/details/causes").size()).isEqualTo(2);
    }

    @Test
    void aFieldAnUpdateTookStaysWhenItsApplierStopsApplyingIt() {
        apply("alice", false, "2");
        api.patch(path() + "?fieldManager=bob", MERGE, "{\"spec\":{\"replicas\":5}}");
        String dropped = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - {name: web, image: nginx:1}
                """;

        ApiClient.Response applied = api.sendRaw("PATCH", path() + "?fieldManager=alice",
                dropped.getBytes(StandardCharsets.UTF_8), APPLY);

        assertThat(applied.code()).as(applied.body().toString()).isEqualTo(200);
        assertThat(applied.body().at("/spec/replicas").asInt()).as("bob owns it now").isEqualTo(5);
        assertThat(applied.body().at("/metadata/labels").has("tier")).as("alice owned it alone").isFalse();
    }

    @Test
    void aFieldAPatchRemovesLeavesEveryManager() {
        apply("alice", false, "2");

        ApiClient.Response patched = api.patch(path() + "?fieldManager=bob", MERGE,
                "{\"metadata\":{\"labels\":{\"tier\":null}}}");

        assertThat(patched.body().at("/metadata/labels").has("tier")).isFalse();
        assertThat(entry(patched.body(), "alice", "Apply").at("/fieldsV1/f:metadata").has("f:labels")).isFalse();
        assertThat(managers(patched.body())).as("bob set nothing").containsExactly("alice:Apply");
    }

    @Test
    void statusWritesAreRecordedAsTheStatusSubresourcesAndLeaveTheObjectsOwners() {
        api.post(collection() + "?fieldManager=alice", Fixtures.deployment("web", 2));
        clock.advance(Duration.ofMinutes(1));

        ApiClient.Response first = api.as("orc-controller/1").patch(path() + "/status", MERGE,
                "{\"status\":{\"replicas\":2,\"observedGeneration\":1}}");

        assertThat(first.code()).as(first.body().toString()).isEqualTo(200);
        assertThat(managers(first.body())).containsExactly("alice:Update", "orc-controller:Update/status");
        JsonNode status = entry(first.body(), "orc-controller", "Update");
        assertThat(status.path("fieldsV1")).isEqualTo(Json.parse(
                "{\"f:status\":{\"f:observedGeneration\":{},\"f:replicas\":{}}}"));
        assertThat(status.path("time").asText()).isEqualTo(start.plusSeconds(60).toString());
        String version = first.body().at("/metadata/resourceVersion").asText();

        clock.advance(Duration.ofMinutes(1));
        ObjectNode same = (ObjectNode) first.body().deepCopy();
        ApiClient.Response again = api.as("orc-controller/1").put(path() + "/status", same);

        assertThat(again.body().at("/metadata/resourceVersion").asText()).as("a write that changes nothing stays one")
                .isEqualTo(version);

        ApiClient.Response changed = api.as("orc-controller/1").patch(path() + "/status", MERGE,
                "{\"status\":{\"replicas\":1}}");

        assertThat(entry(changed.body(), "orc-controller", "Update").path("time").asText())
                .as("an entry's time moves when its manager changes a field").isEqualTo(start.plusSeconds(120).toString());
        assertThat(entry(changed.body(), "alice", "Update").path("time").asText()).isEqualTo(start.toString());
    }

    @Test
    void anAppliersTimeMovesWhenItsApplyChangesAValueAndNotWhenItChangesNothing() {
        apply("alice", false, "2");
        clock.advance(Duration.ofMinutes(1));

        ApiClient.Response same = apply("alice", false, "2");
        ApiClient.Response changed = apply("alice", false, "3");

        assertThat(entry(same.body(), "alice", "Apply").path("time").asText()).isEqualTo(start.toString());
        assertThat(entry(changed.body(), "alice", "Apply").path("time").asText())
                .isEqualTo(start.plusSeconds(60).toString());
    }

    @Test
    void writingTheObjectBackUnchangedStoresNothing() {
        ObjectNode created = (ObjectNode) api.as(KUBECTL).post(collection(), Fixtures.deployment("web", 2)).body();
        ObjectNode withoutManagedFields = created.deepCopy();
        ((ObjectNode) withoutManagedFields.get("metadata")).remove("managedFields");
        clock.advance(Duration.ofMinutes(1));

        ApiClient.Response same = api.as("other/1").put(path(), created);
        ApiClient.Response unaware = api.as("other/1").put(path(), withoutManagedFields);
        ApiClient.Response samePatch = api.as("other/1").patch(path(), MERGE, "{\"spec\":{\"replicas\":2}}");

        for (ApiClient.Response response : List.of(same, unaware, samePatch)) {
            assertThat(response.code()).as(response.body().toString()).isEqualTo(200);
            assertThat(response.body().at("/metadata/resourceVersion")).isEqualTo(created.at("/metadata/resourceVersion"));
            assertThat(managers(response.body())).containsExactly("kubectl:Update");
        }
    }

    @Test
    void managedFieldsAreClearedByOneEmptyEntryAndKeptByAnEmptyList() {
        apply("alice", false, "2");

        ApiClient.Response kept = api.patch(path(), MERGE, "{\"metadata\":{\"managedFields\":[]}}");
        assertThat(managers(kept.body())).containsExactly("alice:Apply");

        ApiClient.Response cleared = api.patch(path(), MERGE, "{\"metadata\":{\"managedFields\":[{}]}}");
        assertThat(cleared.code()).as(cleared.body().toString()).isEqualTo(200);
        assertThat(cleared.body().at("/metadata").has("managedFields")).isFalse();

        ApiClient.Response clearedAndChanged = api.as(KUBECTL).patch(path(), "application/json-patch+json", """
                [{"op":"add","path":"/metadata/managedFields","value":[{}]},
                 {"op":"replace","path":"/spec/replicas","value":7}]""");
        assertThat(managers(clearedAndChanged.body())).containsExactly("kubectl:Update");
        assertThat(entry(clearedAndChanged.body(), "kubectl", "Update").path("fieldsV1"))
                .isEqualTo(Json.parse("{\"f:spec\":{\"f:replicas\":{}}}"));
    }

    @Test
    void anUpdateMaySetManagedFieldsItself() {
        apply("alice", false, "2");
        ObjectNode object = (ObjectNode) api.get(path()).body();
        ((ObjectNode) object.at("/metadata/managedFields/0")).put("manager", "handover");

        ApiClient.Response moved = api.put(path() + "?fieldManager=bob", object);

        assertThat(managers(moved.body())).containsExactly("handover:Apply");
    }

    @Test
    void aFieldManagerNameKubernetesWouldRefuseIsABadRequest() {
        ApiClient.Response refused = api.post(collection() + "?fieldManager=" + "m".repeat(129),
                Fixtures.deployment("web", 2));

        assertThat(refused.code()).isEqualTo(400);
        assertThat(refused.body().path("message").asText()).startsWith("fieldManager must be at most 128 printable");
    }
}
