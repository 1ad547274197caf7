package dev.orc.reconciler.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.json.Json;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.record.EventRecorder;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.apiserver.watch.WatchSettings;
import dev.orc.reconciler.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API over real HTTP, against a real store; each backend runs it once (see the subclasses). Every
 * test works in a namespace of its own, so they share one server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiServerContractTest {
    static final String TOKEN = "test-token";
    static final int WINDOW = 20;
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private Store store;
    private ApiServer server;
    ApiClient api;
    String ns;

    /** A fresh, empty store of the backend under test. */
    protected abstract Store openStore();

    @BeforeAll
    void startServer() {
        store = openStore();
        WatchSettings watch = new WatchSettings(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMillis(200), 1000,
                WINDOW, WatchSettings.DEFAULT_WINDOW_BYTES);
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store).withWatch(watch)
                .withAuthenticator(new TokenAuthenticator(Map.of(TOKEN, "admin"))));
        api = new ApiClient(server.url(), TOKEN);
    }

    @AfterAll
    void stopServer() {
        server.close();
        store.close();
    }

    @BeforeEach
    void freshNamespace() {
        ns = "t" + NAMESPACES.incrementAndGet() + "-" + getClass().getSimpleName().toLowerCase().replace("test", "");
        assertThat(api.post("/api/v1/namespaces", Fixtures.namespace(ns)).code()).isEqualTo(201);
    }

    String pods() {
        return "/api/v1/namespaces/" + ns + "/pods";
    }

    String configMaps() {
        return "/api/v1/namespaces/" + ns + "/configmaps";
    }

    String deployments() {
        return "/apis/apps/v1/namespaces/" + ns + "/deployments";
    }

    static long rv(JsonNode object) {
        return Long.parseLong(object.path("metadata").path("resourceVersion").asText());
    }

    // ---- create, get, list, update ------------------------------------------------------------

    @Test
    void createdPodCarriesServerMetadataAndPendingPhase() {
        ApiClient.Response created = api.post(pods(), Fixtures.pod("web", "web"));

        assertThat(created.code()).isEqualTo(201);
        JsonNode meta = created.body().get("metadata");
        assertThat(meta.get("uid").asText()).matches("[0-9a-f-]{36}");
        assertThat(meta.get("creationTimestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(meta.get("namespace").asText()).isEqualTo(ns);
        assertThat(meta.get("generation").asLong()).isEqualTo(1);
        assertThat(rv(created.body())).isPositive();
        assertThat(created.body().path("status").path("phase").asText()).isEqualTo("Pending");

        ApiClient.Response got = api.get(pods() + "/web");
        assertThat(got.code()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(created.body());
    }

    @Test
    void listCarriesKindAndResourceVersion() {
        api.post(pods(), Fixtures.pod("a", "web"));
        api.post(pods(), Fixtures.pod("b", "web"));

        JsonNode list = api.get(pods()).body();

        assertThat(list.get("kind").asText()).isEqualTo("PodList");
        assertThat(list.get("apiVersion").asText()).isEqualTo("v1");
        assertThat(list.get("metadata").get("resourceVersion").asLong()).isPositive();
        assertThat(names(list)).containsExactly("a", "b");
    }

    @Test
    void clusterWideListSpansNamespaces() {
        String other = ns + "-other";
        api.post("/api/v1/namespaces", Fixtures.namespace(other));
        api.post(configMaps(), Fixtures.configMap("one", "1"));
        api.post("/api/v1/namespaces/" + other + "/configmaps", Fixtures.configMap("two", "2"));

        JsonNode list = api.get("/api/v1/configmaps?fieldSelector=metadata.namespace%3D" + ns).body();
        JsonNode both = api.get("/api/v1/configmaps").body();

        assertThat(names(list)).containsExactly("one");
        assertThat(names(both)).contains("one", "two");
    }

    @Test
    void creatingAnExistingNameIsAlreadyExists() {
        api.post(configMaps(), Fixtures.configMap("dup", "1"));

        ApiClient.Response again = api.post(configMaps(), Fixtures.configMap("dup", "2"));

        assertThat(again.code()).isEqualTo(409);
        assertThat(again.body().get("reason").asText()).isEqualTo("AlreadyExists");
        assertThat(again.body().get("details").get("name").asText()).isEqualTo("dup");
        assertThat(again.body().get("details").get("kind").asText()).isEqualTo("configmaps");
    }

    @Test
    void missingObjectIsANotFoundStatus() {
        ApiClient.Response missing = api.get(deployments() + "/nope");

        assertThat(missing.code()).isEqualTo(404);
        JsonNode status = missing.body();
        assertThat(status.get("kind").asText()).isEqualTo("Status");
        assertThat(status.get("apiVersion").asText()).isEqualTo("v1");
        assertThat(status.get("status").asText()).isEqualTo("Failure");
        assertThat(status.get("reason").asText()).isEqualTo("NotFound");
        assertThat(status.get("message").asText()).isEqualTo("deployments.apps \"nope\" not found");
        assertThat(status.get("details").get("group").asText()).isEqualTo("apps");
        assertThat(status.get("code").asInt()).isEqualTo(404);
    }

    @Test
    void updateWithStaleResourceVersionIsConflictAndWithoutOneIsUnconditional() {
        ObjectNode created = api.post(configMaps(), Fixtures.configMap("cm", "1")).object();
        ObjectNode first = created.deepCopy();
        ((ObjectNode) first.get("data")).put("key", "2");
        assertThat(api.put(configMaps() + "/cm", first).code()).isEqualTo(200);

        ObjectNode stale = created.deepCopy();
        ((ObjectNode) stale.get("data")).put("key", "3");
        ApiClient.Response conflict = api.put(configMaps() + "/cm", stale);
        assertThat(conflict.code()).isEqualTo(409);
        assertThat(conflict.body().get("reason").asText()).isEqualTo("Conflict");

        ((ObjectNode) stale.get("metadata")).remove("resourceVersion");
        ApiClient.Response unconditional = api.put(configMaps() + "/cm", stale);
        assertThat(unconditional.code()).isEqualTo(200);
        assertThat(unconditional.body().get("data").get("key").asText()).isEqualTo("3");
    }

    @Test
    void generationMovesOnlyWhenTheSpecChanges() {
        ObjectNode created = api.post(deployments(), Fixtures.deployment("web", 1)).object();
        assertThat(created.get("metadata").get("generation").asLong()).isEqualTo(1);

        ObjectNode relabelled = api.patch(deployments() + "/web", "application/merge-patch+json",
                Json.parse("{\"metadata\":{\"labels\":{\"extra\":\"yes\"}}}")).object();
        assertThat(relabelled.get("metadata").get("generation").asLong()).isEqualTo(1);

        ObjectNode scaled = api.patch(deployments() + "/web", "application/merge-patch+json",
                Json.parse("{\"spec\":{\"replicas\":3}}")).object();
        assertThat(scaled.get("metadata").get("generation").asLong()).isEqualTo(2);

        ObjectNode withStatus = api.put(deployments() + "/web/status", Json.parse(
                "{\"metadata\":{\"name\":\"web\"},\"status\":{\"replicas\":3,\"observedGeneration\":2}}")).object();
        assertThat(withStatus.get("metadata").get("generation").asLong()).isEqualTo(2);
        assertThat(withStatus.get("status").get("replicas").asInt()).isEqualTo(3);
        assertThat(withStatus.get("spec").get("replicas").asInt()).isEqualTo(3);
    }

    @Test
    void generationOfAKindWithoutSpecFollowsItsData() {
        api.post(configMaps(), Fixtures.configMap("cm", "1"));

        JsonNode labelled = api.patch(configMaps() + "/cm", "application/merge-patch+json",
                Json.parse("{\"metadata\":{\"labels\":{\"a\":\"b\"}}}")).body();
        JsonNode changed = api.patch(configMaps() + "/cm", "application/merge-patch+json",
                Json.parse("{\"data\":{\"key\":\"2\"}}")).body();

        assertThat(labelled.get("metadata").get("generation").asLong()).isEqualTo(1);
        assertThat(changed.get("metadata").get("generation").asLong()).isEqualTo(2);
    }

    @Test
    void theMainResourceIgnoresStatusAndTheStatusSubresourceIgnoresSpec() {
        ObjectNode withStatus = Fixtures.deployment("web", 1);
        withStatus.putObject("status").put("replicas", 7);
        ObjectNode created = api.post(deployments(), withStatus).object();
        assertThat(created.has("status")).isFalse();

        ObjectNode update = created.deepCopy();
        update.putObject("status").put("replicas", 9);
        assertThat(api.put(deployments() + "/web", update).body().has("status")).isFalse();

        ObjectNode statusWrite = created.deepCopy();
        ((ObjectNode) statusWrite.get("spec")).put("replicas", 5);
        statusWrite.putObject("status").put("replicas", 1);
        ((ObjectNode) statusWrite.get("metadata")).remove("resourceVersion");
        JsonNode after = api.put(deployments() + "/web/status", statusWrite).body();
        assertThat(after.get("spec").get("replicas").asInt()).isEqualTo(1);
        assertThat(after.get("status").get("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void unchangedUpdateKeepsTheResourceVersion() {
        ObjectNode created = api.post(configMaps(), Fixtures.configMap("same", "1")).object();

        JsonNode again = api.put(configMaps() + "/same", created).body();

        assertThat(rv(again)).isEqualTo(rv(created));
    }

    @Test
    void unchangedStatusUpdateKeepsTheResourceVersion() {
        api.post(deployments(), Fixtures.deployment("web", 1));
        ObjectNode withStatus = api.get(deployments() + "/web").object();
        withStatus.putObject("status").put("observedGeneration", 1).put("replicas", 1);
        JsonNode first = api.put(deployments() + "/web/status", withStatus).body();
        ObjectNode again = first.deepCopy();
        ((ObjectNode) again.get("metadata")).remove("resourceVersion");

        JsonNode second = api.put(deployments() + "/web/status", again).body();

        assertThat(rv(second)).isEqualTo(rv(first));
        assertThat(second.at("/status/replicas").asInt()).isEqualTo(1);
    }

    @Test
    void patchesThatChangeNothingKeepTheResourceVersion() {
        ObjectNode created = api.post(configMaps(), Fixtures.configMap("same", "1")).object();
        String path = configMaps() + "/same";
        api.post(deployments(), Fixtures.deployment("web", 1));
        String deploymentStatus = deployments() + "/web/status";

        JsonNode merge = api.patch(path, "application/merge-patch+json",
                Json.parse("{\"data\":{\"key\":\"1\"}}")).body();
        JsonNode strategic = api.patch(path, "application/strategic-merge-patch+json",
                Json.parse("{\"data\":{\"key\":\"1\"}}")).body();
        JsonNode jsonPatch = api.patch(path, "application/json-patch+json",
                Json.parse("[{\"op\":\"replace\",\"path\":\"/data/key\",\"value\":\"1\"}]")).body();
        JsonNode statusPatch = api.patch(deploymentStatus, "application/merge-patch+json",
                Json.parse("{\"status\":{\"replicas\":2}}")).body();
        JsonNode statusPatchAgain = api.patch(deploymentStatus, "application/merge-patch+json",
                Json.parse("{\"status\":{\"replicas\":2}}")).body();

        assertThat(List.of(rv(merge), rv(strategic), rv(jsonPatch))).containsOnly(rv(created));
        assertThat(rv(statusPatchAgain)).isEqualTo(rv(statusPatch));
    }

    @Test
    void writesThatChangeNothingWakeNoWatcher() {
        ObjectNode created = api.post(configMaps(), Fixtures.configMap("quiet", "1")).object();
        try (ApiClient.WatchStream watch = api.watch(configMaps() + "?watch=true&resourceVersion=" + rv(created))) {
            api.put(configMaps() + "/quiet", created);
            api.patch(configMaps() + "/quiet", "application/merge-patch+json", Json.parse("{\"data\":{\"key\":\"1\"}}"));
            api.put(configMaps() + "/quiet", Fixtures.configMap("quiet", "2"));

            JsonNode first = watch.next();
            assertThat(first.get("type").asText()).isEqualTo("MODIFIED");
            assertThat(first.at("/object/data/key").asText()).isEqualTo("2");
        }
    }

    @Test
    void dryRunDoesNotStore() {
        ApiClient.Response dry = api.post(configMaps() + "?dryRun=All", Fixtures.configMap("dry", "1"));

        assertThat(dry.code()).isEqualTo(201);
        assertThat(api.get(configMaps() + "/dry").code()).isEqualTo(404);
    }

    // ---- admission -----------------------------------------------------------------------------

    @Test
    void invalidNameIsInvalidWithACauseNamingTheField() {
        ApiClient.Response invalid = api.post(configMaps(), Fixtures.configMap("Not_Valid", "1"));

        assertThat(invalid.code()).isEqualTo(422);
        assertThat(invalid.body().get("reason").asText()).isEqualTo("Invalid");
        JsonNode cause = invalid.body().get("details").get("causes").get(0);
        assertThat(cause.get("field").asText()).isEqualTo("metadata.name");
        assertThat(cause.get("reason").asText()).isEqualTo("FieldValueInvalid");
        assertThat(invalid.body().get("details").get("kind").asText()).isEqualTo("ConfigMap");
    }

    @Test
    void schemaErrorsAreInvalidWithEveryFieldNamed() {
        ObjectNode deployment = Fixtures.deployment("web", 2);
        ((ObjectNode) deployment.get("spec")).put("replicas", "three");
        ((ObjectNode) deployment.get("spec")).put("replcas", 1);

        ApiClient.Response invalid = api.post(deployments(), deployment);

        assertThat(invalid.code()).isEqualTo(422);
        assertThat(invalid.body().get("details").get("causes").findValuesAsText("field"))
                .contains("spec.replicas", "spec.replcas");
        assertThat(invalid.body().get("message").asText()).contains("expected integer, got string \"three\"");
    }

    @Test
    void writesAreDefaultedAsKubernetesDefaultsThem() {
        JsonNode created = api.post(deployments(), Fixtures.deployment("web", 2)).body();

        assertThat(created.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(created.at("/spec/strategy/rollingUpdate/maxSurge").asText()).isEqualTo("25%");
        assertThat(created.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
        assertThat(created.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Always");
        assertThat(created.at("/spec/template/spec/terminationGracePeriodSeconds").asInt()).isEqualTo(30);
    }

    private ObjectNode service(String name, String type, String clusterIP) {
        ObjectNode svc = (ObjectNode) dev.orc.api.json.Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"Service\","
                + "\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"type\":\"" + type + "\",\"selector\":{\"app\":\"web\"},"
                + "\"ports\":[{\"port\":80,\"targetPort\":8080}]}}");
        if (clusterIP != null) {
            ((ObjectNode) svc.get("spec")).put("clusterIP", clusterIP);
        }
        return svc;
    }

    @Test
    void servicesGetAClusterIpAndNodePortsThatAreFreedOnDelete() {
        String services = "/api/v1/namespaces/" + ns + "/services";
        JsonNode created = api.post(services, service("web", "NodePort", null)).body();
        String ip = created.at("/spec/clusterIP").asText();
        assertThat(ip).startsWith("10.96.");
        assertThat(created.at("/spec/clusterIPs/0").asText()).isEqualTo(ip);
        assertThat(created.at("/spec/ports/0/nodePort").asInt()).isBetween(30000, 32767);

        ApiClient.Response taken = api.post(services, service("copy", "ClusterIP", ip));
        assertThat(taken.code()).isEqualTo(422);
        assertThat(taken.body().at("/details/causes/0/field").asText()).isEqualTo("spec.clusterIP");
        assertThat(taken.body().get("message").asText()).contains("provided IP is already allocated");

        assertThat(api.delete(services + "/web").code()).isEqualTo(200);
        assertThat(api.post(services, service("again", "ClusterIP", ip)).code()).isEqualTo(201);
    }

    @Test
    void creatingAServiceThatExistsAgainLeavesItsAddressAndPortClaimed() {
        String services = "/api/v1/namespaces/" + ns + "/services";
        ObjectNode web = service("web", "NodePort", "10.96.7.7");
        ((ObjectNode) web.at("/spec/ports/0")).put("nodePort", 30777);
        assertThat(api.post(services, web).code()).isEqualTo(201);

        assertThat(api.post(services, web).code()).as("created twice").isEqualTo(409);
        assertThat(api.post(services + "?dryRun=All", web).code()).as("a dry run of the same create").isEqualTo(201);

        ApiClient.Response taken = api.post(services, service("copy", "ClusterIP", "10.96.7.7"));
        assertThat(taken.code()).isEqualTo(422);
        assertThat(taken.body().get("message").asText()).contains("provided IP is already allocated");
        ObjectNode samePort = service("port", "NodePort", null);
        ((ObjectNode) samePort.at("/spec/ports/0")).put("nodePort", 30777);
        assertThat(api.post(services, samePort).body().get("message").asText())
                .contains("provided port is already allocated");
    }

    @Test
    void aDryRunServiceClaimsNothing() {
        String services = "/api/v1/namespaces/" + ns + "/services";
        JsonNode dry = api.post(services + "?dryRun=All", service("dry", "ClusterIP", null)).body();
        String ip = dry.at("/spec/clusterIP").asText();
        assertThat(ip).startsWith("10.96.");
        assertThat(api.post(services, service("real", "ClusterIP", ip)).code()).isEqualTo(201);
    }

    @Test
    void foregroundAndOrphanDeletesLeaveTheObjectToTheGarbageCollector() {
        api.post(deployments(), Fixtures.deployment("fg", 1));
        api.post(deployments(), Fixtures.deployment("or", 1));
        JsonNode foreground = api.delete(deployments() + "/fg",
                dev.orc.api.json.Json.parse("{\"propagationPolicy\":\"Foreground\"}")).body();
        assertThat(foreground.at("/metadata/finalizers/0").asText()).isEqualTo("foregroundDeletion");
        assertThat(foreground.at("/metadata/deletionTimestamp").isTextual()).isTrue();
        JsonNode orphan = api.delete(deployments() + "/or",
                dev.orc.api.json.Json.parse("{\"propagationPolicy\":\"Orphan\"}")).body();
        assertThat(orphan.at("/metadata/finalizers/0").asText()).isEqualTo("orphan");
        assertThat(api.get(deployments() + "/or").code()).isEqualTo(200);
    }

    @Test
    void kindNotMatchingTheUrlIsInvalid() {
        ApiClient.Response invalid = api.post(configMaps(), Fixtures.pod("p", "x"));

        assertThat(invalid.code()).isEqualTo(422);
        assertThat(invalid.body().get("details").get("causes").findValuesAsText("field")).contains("kind");
    }

    @Test
    void namespaceInTheBodyMustMatchTheUrl() {
        ObjectNode elsewhere = Fixtures.configMap("cm", "1");
        ((ObjectNode) elsewhere.get("metadata")).put("namespace", "default");

        ApiClient.Response refused = api.post(configMaps(), elsewhere);

        assertThat(refused.code()).isEqualTo(400);
        assertThat(refused.body().get("reason").asText()).isEqualTo("BadRequest");
    }

    @Test
    void generateNameGivesDistinctRandomSuffixes() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            ObjectNode cm = Fixtures.configMap("x", "1");
            ((ObjectNode) cm.get("metadata")).remove("name");
            ((ObjectNode) cm.get("metadata")).put("generateName", "web-");
            ApiClient.Response created = api.post(configMaps(), cm);
            assertThat(created.code()).isEqualTo(201);
            names.add(created.body().get("metadata").get("name").asText());
        }

        assertThat(names).hasSize(3).allMatch(n -> n.matches("web-[a-z0-9]{5}"));
    }

    // ---- patches ---------------------------------------------------------------------------------

    @Test
    void mergePatchRemovesWithNullAndJsonPatchEditsByPointer() {
        api.post(configMaps(), Json.parse("{\"metadata\":{\"name\":\"cm\"},\"data\":{\"a\":\"1\",\"b\":\"2\"}}"));

        JsonNode merged = api.patch(configMaps() + "/cm", "application/merge-patch+json",
                Json.parse("{\"data\":{\"a\":null,\"c\":\"3\"}}")).body();
        assertThat(merged.get("data")).isEqualTo(Json.parse("{\"b\":\"2\",\"c\":\"3\"}"));

        JsonNode patched = api.patch(configMaps() + "/cm", "application/json-patch+json", Json.parse("""
                [{"op":"test","path":"/data/b","value":"2"},{"op":"replace","path":"/data/b","value":"20"},
                 {"op":"add","path":"/data/d","value":"4"},{"op":"remove","path":"/data/c"}]""")).body();
        assertThat(patched.get("data")).isEqualTo(Json.parse("{\"b\":\"20\",\"d\":\"4\"}"));

        ApiClient.Response failedTest = api.patch(configMaps() + "/cm", "application/json-patch+json",
                Json.parse("[{\"op\":\"test\",\"path\":\"/data/b\",\"value\":\"nope\"}]"));
        assertThat(failedTest.code()).isEqualTo(422);
    }

    @Test
    void strategicMergePatchMergesContainersByName() {
        api.post(pods(), Fixtures.pod("web", "web"));

        JsonNode patched = api.patch(pods() + "/web", "application/strategic-merge-patch+json", Json.parse("""
                {"spec":{"$setElementOrder/containers":[{"name":"main"},{"name":"side"}],
                  "containers":[{"name":"main","image":"busybox:1.37","env":[{"name":"B","value":"2"}]}]}}""")).body();

        JsonNode containers = patched.get("spec").get("containers");
        assertThat(containers.findValuesAsText("name")).contains("main", "side");
        assertThat(containers.get(0).get("image").asText()).isEqualTo("busybox:1.37");
        assertThat(containers.get(0).get("ports").get(0).get("containerPort").asInt()).isEqualTo(80);
        assertThat(containers.get(0).get("env").findValuesAsText("name")).containsExactly("A", "B");
        assertThat(containers.get(1).get("image").asText()).isEqualTo("busybox:1.36");
    }

    @Test
    void unknownPatchTypeIsUnsupportedMediaType() {
        api.post(configMaps(), Fixtures.configMap("cm", "1"));

        ApiClient.Response refused = api.patch(configMaps() + "/cm", "text/plain", "{}");

        assertThat(refused.code()).isEqualTo(415);
    }

    // ---- selectors and paging --------------------------------------------------------------------

    @Test
    void labelAndFieldSelectorsFilterLists() {
        api.post(pods(), Fixtures.pod("web-1", "web"));
        ObjectNode db = Fixtures.pod("db-1", "db");
        ((ObjectNode) db.get("metadata").get("labels")).put("tier", "data");
        api.post(pods(), db);
        api.post(pods(), Fixtures.pod("cache-1", "cache"));
        api.post(pods() + "/cache-1/binding", Json.parse("{\"target\":{\"kind\":\"Node\",\"name\":\"n1\"}}"));

        assertThat(names(api.get(pods() + "?labelSelector=app%3Dweb").body())).containsExactly("web-1");
        assertThat(names(api.get(pods() + "?labelSelector=app%20in%20(web,db)").body())).containsExactly("db-1", "web-1");
        assertThat(names(api.get(pods() + "?labelSelector=!tier").body())).containsExactly("cache-1", "web-1");
        assertThat(names(api.get(pods() + "?labelSelector=app!%3Dweb,tier").body())).containsExactly("db-1");
        assertThat(names(api.get(pods() + "?fieldSelector=spec.nodeName%3D").body())).containsExactly("db-1", "web-1");
        assertThat(names(api.get(pods() + "?fieldSelector=spec.nodeName%3D%3Dn1").body())).containsExactly("cache-1");
        assertThat(names(api.get(pods() + "?fieldSelector=status.phase%3DPending,metadata.name!%3Dweb-1").body()))
                .containsExactly("cache-1", "db-1");
        assertThat(api.get(pods() + "?labelSelector=app%20in%20web").code()).isEqualTo(400);
    }

    @Test
    void pagingReturnsEveryObjectExactlyOnceAtOneResourceVersion() {
        for (int i = 0; i < 25; i++) {
            api.post(configMaps(), Fixtures.configMap("cm-%02d".formatted(i), "v"));
        }
        List<String> seen = new ArrayList<>();
        Set<String> versions = new HashSet<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = api.get(configMaps() + "?limit=10" + (next == null ? "" : "&continue=" + next)).body();
            seen.addAll(names(page));
            versions.add(page.get("metadata").get("resourceVersion").asText());
            next = page.get("metadata").path("continue").asText(null);
            pages++;
            if (pages == 1) {
                api.post(configMaps(), Fixtures.configMap("cm-99", "added while paging"));
            }
        } while (next != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().doesNotContain("cm-99");
        assertThat(versions).hasSize(1);
    }

    @Test
    void pagingWithASelectorFillsPages() {
        for (int i = 0; i < 12; i++) {
            ObjectNode cm = Fixtures.configMap("cm-%02d".formatted(i), "v");
            ((ObjectNode) cm.get("metadata")).putObject("labels").put("even", Boolean.toString(i % 2 == 0));
            api.post(configMaps(), cm);
        }

        JsonNode first = api.get(configMaps() + "?limit=4&labelSelector=even%3Dtrue").body();
        JsonNode second = api.get(configMaps() + "?limit=4&labelSelector=even%3Dtrue&continue="
                + first.get("metadata").get("continue").asText()).body();

        assertThat(names(first)).containsExactly("cm-00", "cm-02", "cm-04", "cm-06");
        assertThat(names(second)).containsExactly("cm-08", "cm-10");
    }

    // ---- watch -----------------------------------------------------------------------------------

    @Test
    void watchFromAResourceVersionStreamsAddedModifiedDeleted() {
        long start = rv(api.post(configMaps(), Fixtures.configMap("before", "0")).body());
        try (ApiClient.WatchStream watch = api.watch(configMaps() + "?watch=true&resourceVersion=" + start)) {
            assertThat(watch.code()).isEqualTo(200);
            api.post(configMaps(), Fixtures.configMap("w", "1"));
            api.patch(configMaps() + "/w", "application/merge-patch+json", Json.parse("{\"data\":{\"key\":\"2\"}}"));
            long deletedAt = rv(api.delete(configMaps() + "/w").body());

            JsonNode added = watch.next();
            JsonNode modified = watch.next();
            JsonNode deleted = watch.next();
            assertThat(added.get("type").asText()).isEqualTo("ADDED");
            assertThat(added.get("object").get("metadata").get("name").asText()).isEqualTo("w");
            assertThat(modified.get("type").asText()).isEqualTo("MODIFIED");
            assertThat(modified.get("object").get("data").get("key").asText()).isEqualTo("2");
            assertThat(deleted.get("type").asText()).isEqualTo("DELETED");
            assertThat(rv(deleted.get("object"))).isGreaterThan(deletedAt - 1);
        }
    }

    @Test
    void aWebSocketHandshakeGetsTheHttpAnswerAndForAWatchAnEmptyOneAtOnce() {
        api.post(configMaps(), Fixtures.configMap("ws", "1"));

        ApiClient.Response get = api.webSocketHandshake(configMaps() + "/ws");
        ApiClient.Response watch = api.webSocketHandshake(configMaps() + "?watch=true");
        ApiClient.Response legacyWatch = api.webSocketHandshake("/api/v1/watch/namespaces/" + ns + "/configmaps");

        assertThat(get.code()).isEqualTo(200);
        assertThat(get.body().path("metadata").path("name").asText()).isEqualTo("ws");
        assertThat(watch.code()).isEqualTo(200);
        assertThat(watch.body()).isNull();
        assertThat(legacyWatch.code()).isEqualTo(200);
        assertThat(legacyWatch.body()).isNull();
    }

    @Test
    void watchWithoutResourceVersionStartsWithTheCurrentObjects() {
        api.post(configMaps(), Fixtures.configMap("existing", "1"));
        try (ApiClient.WatchStream watch = api.watch("/api/v1/watch/namespaces/" + ns + "/configmaps")) {
            JsonNode first = watch.next();
            assertThat(first.get("type").asText()).isEqualTo("ADDED");
            assertThat(first.get("object").get("metadata").get("name").asText()).isEqualTo("existing");

            api.post(configMaps(), Fixtures.configMap("later", "1"));
            assertThat(watch.next().get("object").get("metadata").get("name").asText()).isEqualTo("later");
        }
    }

    @Test
    void aWatchedSelectionSeesObjectsLeaveAndEnterIt() {
        long start = rv(api.post(pods(), Fixtures.pod("p", "web")).body());
        try (ApiClient.WatchStream watch = api.watch(pods() + "?watch=1&labelSelector=app%3Dweb&resourceVersion=" + start)) {
            api.patch(pods() + "/p", "application/merge-patch+json", Json.parse("{\"metadata\":{\"labels\":{\"app\":\"db\"}}}"));
            api.patch(pods() + "/p", "application/merge-patch+json", Json.parse("{\"metadata\":{\"labels\":{\"app\":\"web\"}}}"));

            assertThat(watch.next().get("type").asText()).isEqualTo("DELETED");
            assertThat(watch.next().get("type").asText()).isEqualTo("ADDED");
        }
    }

    @Test
    void watchOlderThanTheCacheWindowIsServedFromTheStore() {
        long start = rv(api.post(configMaps(), Fixtures.configMap("old", "0")).body());
        for (int i = 1; i <= WINDOW + 5; i++) {
            api.put(configMaps() + "/old", Fixtures.configMap("old", Integer.toString(i)));
        }
        try (ApiClient.WatchStream watch = api.watch(configMaps() + "?watch=true&resourceVersion=" + start)) {
            JsonNode first = watch.next();
            assertThat(first.get("type").asText()).isEqualTo("MODIFIED");
            assertThat(first.get("object").get("data").get("key").asText()).isEqualTo("1");
        }
    }

    @Test
    void watchFromACompactedRevisionIsGone() {
        long start = rv(api.post(configMaps(), Fixtures.configMap("gone", "0")).body());
        for (int i = 1; i <= WINDOW + 5; i++) {
            api.put(configMaps() + "/gone", Fixtures.configMap("gone", Integer.toString(i)));
        }
        store.compact(store.currentRevision());

        String watchFromStart = configMaps() + "?watch=true&timeoutSeconds=1&resourceVersion=" + start;
        await("the watch cache has seen the writes that moved its window past " + start).atMost(Duration.ofSeconds(30))
                .until(() -> api.get(watchFromStart).code() == 410);
        ApiClient.Response gone = api.get(watchFromStart);

        assertThat(gone.code()).isEqualTo(410);
        assertThat(gone.body().get("kind").asText()).isEqualTo("Status");
        assertThat(gone.body().get("reason").asText()).isEqualTo("Expired");
    }

    @Test
    void watchSendsBookmarksWhenAskedAndEndsAtItsTimeout() {
        long start = rv(api.post(configMaps(), Fixtures.configMap("b", "0")).body());
        try (ApiClient.WatchStream watch = api.watch(configMaps()
                + "?watch=true&allowWatchBookmarks=true&timeoutSeconds=2&resourceVersion=" + start)) {
            JsonNode bookmark = watch.next();
            assertThat(bookmark.get("type").asText()).isEqualTo("BOOKMARK");
            assertThat(rv(bookmark.get("object"))).isGreaterThanOrEqualTo(start);
            await().atMost(Duration.ofSeconds(10)).until(watch::ended);
        }
    }

    @Test
    void watchOfOneNamedObjectIgnoresOthers() {
        long start = rv(api.post(configMaps(), Fixtures.configMap("mine", "0")).body());
        try (ApiClient.WatchStream watch = api.watch("/api/v1/watch/namespaces/" + ns + "/configmaps/mine?resourceVersion="
                + start)) {
            api.post(configMaps(), Fixtures.configMap("other", "1"));
            api.put(configMaps() + "/mine", Fixtures.configMap("mine", "1"));

            JsonNode event = watch.next();
            assertThat(event.get("object").get("metadata").get("name").asText()).isEqualTo("mine");
        }
    }

    // ---- subresources ------------------------------------------------------------------------------

    @Test
    void scaleSubresourceReadsAndWritesReplicas() {
        api.post(deployments(), Fixtures.deployment("web", 2));

        JsonNode scale = api.get(deployments() + "/web/scale").body();
        assertThat(scale.get("kind").asText()).isEqualTo("Scale");
        assertThat(scale.get("apiVersion").asText()).isEqualTo("autoscaling/v1");
        assertThat(scale.get("spec").get("replicas").asInt()).isEqualTo(2);
        assertThat(scale.get("status").get("selector").asText()).isEqualTo("app=web");

        ((ObjectNode) scale.get("spec")).put("replicas", 5);
        assertThat(api.put(deployments() + "/web/scale", scale).body().get("spec").get("replicas").asInt()).isEqualTo(5);
        api.patch(deployments() + "/web/scale", "application/merge-patch+json", Json.parse("{\"spec\":{\"replicas\":6}}"));

        assertThat(api.get(deployments() + "/web").body().get("spec").get("replicas").asInt()).isEqualTo(6);
        assertThat(api.put(deployments() + "/web/scale", scale).code()).isEqualTo(409);
    }

    @Test
    void bindingAssignsANodeOnceOnly() {
        api.post(pods(), Fixtures.pod("p", "web"));

        ApiClient.Response bound = api.post(pods() + "/p/binding",
                Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"p\"},"
                        + "\"target\":{\"kind\":\"Node\",\"name\":\"node-1\"}}"));
        ApiClient.Response again = api.post("/api/v1/namespaces/" + ns + "/bindings",
                Json.parse("{\"metadata\":{\"name\":\"p\"},\"target\":{\"kind\":\"Node\",\"name\":\"node-2\"}}"));

        assertThat(bound.code()).isEqualTo(201);
        JsonNode pod = api.get(pods() + "/p").body();
        assertThat(pod.get("spec").get("nodeName").asText()).isEqualTo("node-1");
        assertThat(pod.get("status").get("conditions").get(0).get("type").asText()).isEqualTo("PodScheduled");
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.body().get("message").asText()).contains("already assigned to node \"node-1\"");
    }

    // ---- deletion ----------------------------------------------------------------------------------

    @Test
    void finalizersHoldAnObjectUntilTheyAreRemoved() {
        ObjectNode cm = Fixtures.configMap("held", "1");
        ((ObjectNode) cm.get("metadata")).putArray("finalizers").add("orc.dev/test");
        api.post(configMaps(), cm);

        ApiClient.Response deleted = api.delete(configMaps() + "/held");
        assertThat(deleted.code()).isEqualTo(200);
        JsonNode marked = api.get(configMaps() + "/held").body();
        assertThat(marked.get("metadata").get("deletionTimestamp").asText()).isNotEmpty();

        api.patch(configMaps() + "/held", "application/merge-patch+json", Json.parse("{\"metadata\":{\"finalizers\":null}}"));

        assertThat(api.get(configMaps() + "/held").code()).isEqualTo(404);
    }

    @Test
    void aBoundPodIsDeletedGracefullyAndAnUnboundOneAtOnce() {
        api.post(pods(), Fixtures.pod("bound", "web"));
        api.post(pods() + "/bound/binding", Json.parse("{\"target\":{\"kind\":\"Node\",\"name\":\"n1\"}}"));
        api.post(pods(), Fixtures.pod("loose", "web"));

        api.delete(pods() + "/bound");
        api.delete(pods() + "/loose");

        JsonNode terminating = api.get(pods() + "/bound").body();
        assertThat(terminating.get("metadata").get("deletionGracePeriodSeconds").asLong()).isEqualTo(30);
        assertThat(terminating.get("metadata").get("deletionTimestamp").asText()).isNotEmpty();
        assertThat(api.get(pods() + "/loose").code()).isEqualTo(404);

        api.delete(pods() + "/bound", Json.parse("{\"kind\":\"DeleteOptions\",\"gracePeriodSeconds\":0}"));
        assertThat(api.get(pods() + "/bound").code()).isEqualTo(404);
    }

    @Test
    void deletePreconditionOnUidIsChecked() {
        api.post(configMaps(), Fixtures.configMap("cm", "1"));

        ApiClient.Response refused = api.delete(configMaps() + "/cm",
                Json.parse("{\"preconditions\":{\"uid\":\"not-the-uid\"}}"));

        assertThat(refused.code()).isEqualTo(409);
        assertThat(api.get(configMaps() + "/cm").code()).isEqualTo(200);
    }

    @Test
    void deleteCollectionDeletesTheSelectedObjects() {
        for (String name : List.of("a", "b", "c")) {
            ObjectNode cm = Fixtures.configMap(name, "1");
            ((ObjectNode) cm.get("metadata")).putObject("labels").put("drop", Boolean.toString(!name.equals("c")));
            api.post(configMaps(), cm);
        }

        ApiClient.Response deleted = api.delete(configMaps() + "?labelSelector=drop%3Dtrue");

        assertThat(names(deleted.body())).containsExactly("a", "b");
        assertThat(names(api.get(configMaps()).body())).containsExactly("c");
    }

    // ---- namespaces ------------------------------------------------------------------------------

    @Test
    void writesIntoAMissingNamespaceAreNotFound() {
        ApiClient.Response refused = api.post("/api/v1/namespaces/" + ns + "-missing/configmaps",
                Fixtures.configMap("cm", "1"));

        assertThat(refused.code()).isEqualTo(404);
        assertThat(refused.body().get("message").asText()).isEqualTo("namespaces \"" + ns + "-missing\" not found");
    }

    @Test
    void aTerminatingNamespaceRefusesNewObjectsAndGoesWhenEmpty() {
        ObjectNode held = Fixtures.configMap("held", "1");
        ((ObjectNode) held.get("metadata")).putArray("finalizers").add("orc.dev/test");
        api.post(configMaps(), held);
        api.post(configMaps(), Fixtures.configMap("free", "1"));

        api.delete("/api/v1/namespaces/" + ns);

        JsonNode namespace = api.get("/api/v1/namespaces/" + ns).body();
        assertThat(namespace.get("status").get("phase").asText()).isEqualTo("Terminating");
        assertThat(api.get(configMaps() + "/free").code()).isEqualTo(404);
        ApiClient.Response refused = api.post(configMaps(), Fixtures.configMap("new", "1"));
        assertThat(refused.code()).isEqualTo(403);
        assertThat(refused.body().get("message").asText()).contains("is being terminated");

        api.patch(configMaps() + "/held", "application/merge-patch+json", Json.parse("{\"metadata\":{\"finalizers\":[]}}"));
        api.delete("/api/v1/namespaces/" + ns);
        assertThat(api.get("/api/v1/namespaces/" + ns).code()).isEqualTo(404);
    }

    @Test
    void theInitialNamespacesExistAndDefaultCannotBeDeleted() {
        for (String name : List.of("default", "kube-system", "orc-system")) {
            assertThat(api.get("/api/v1/namespaces/" + name).body().get("status").get("phase").asText()).isEqualTo("Active");
        }

        assertThat(api.delete("/api/v1/namespaces/default").code()).isEqualTo(403);
    }

    // ---- discovery, errors, limits, metrics -----------------------------------------------------------

    @Test
    void discoveryDescribesEveryResourceAsKubernetesDoes() {
        assertThat(api.get("/api").body().get("versions").get(0).asText()).isEqualTo("v1");
        JsonNode groups = api.get("/apis").body();
        assertThat(groups.get("kind").asText()).isEqualTo("APIGroupList");
        assertThat(groups.get("groups").findValuesAsText("name")).contains("apps", "batch", "policy", "orc.dev");

        JsonNode core = api.get("/api/v1").body();
        assertThat(core.get("kind").asText()).isEqualTo("APIResourceList");
        assertThat(core.get("groupVersion").asText()).isEqualTo("v1");
        JsonNode pods = resource(core, "pods");
        assertThat(pods.get("kind").asText()).isEqualTo("Pod");
        assertThat(pods.get("namespaced").asBoolean()).isTrue();
        assertThat(pods.get("shortNames").get(0).asText()).isEqualTo("po");
        assertThat(pods.get("categories").get(0).asText()).isEqualTo("all");
        assertThat(pods.get("verbs").findValuesAsText("")).isEmpty();
        assertThat(texts(pods.get("verbs"))).contains("create", "get", "list", "watch", "patch", "delete");
        assertThat(texts(resource(core, "pods/binding").get("verbs"))).containsExactly("create");
        JsonNode eviction = resource(core, "pods/eviction");
        assertThat(eviction.get("group").asText() + "/" + eviction.get("version").asText() + " "
                + eviction.get("kind").asText()).isEqualTo("policy/v1 Eviction");
        assertThat(texts(eviction.get("verbs"))).containsExactly("create");
        JsonNode budgets = resource(api.get("/apis/policy/v1").body(), "poddisruptionbudgets");
        assertThat(budgets.get("shortNames").get(0).asText()).isEqualTo("pdb");
        assertThat(resource(core, "namespaces").get("namespaced").asBoolean()).isFalse();

        JsonNode apps = api.get("/apis/apps/v1").body();
        JsonNode scale = resource(apps, "deployments/scale");
        assertThat(scale.get("kind").asText()).isEqualTo("Scale");
        assertThat(scale.get("group").asText()).isEqualTo("autoscaling");
        assertThat(resource(apps, "deployments").get("shortNames").get(0).asText()).isEqualTo("deploy");

        assertThat(api.get("/version").body().get("major").asText()).isEqualTo("1");
        assertThat(api.get("/openapi/v2").body().get("swagger").asText()).isEqualTo("2.0");
        assertThat(api.get("/openapi/v3").body().has("paths")).isTrue();
    }

    @Test
    void unknownPathsAndMethodsAnswerWithAStatus() {
        ApiClient.Response unknown = api.get("/api/v1/namespaces/" + ns + "/widgets");
        ApiClient.Response method = api.sendRaw("PUT", configMaps(), "{}".getBytes(), "application/json");

        assertThat(unknown.code()).isEqualTo(404);
        assertThat(unknown.body().get("kind").asText()).isEqualTo("Status");
        assertThat(method.code()).isEqualTo(405);
        assertThat(method.body().get("reason").asText()).isEqualTo("MethodNotAllowed");
    }

    @Test
    void bodiesOverThreeMebibytesAreTooLarge() {
        byte[] big = new byte[ApiServerConfig.MAX_BODY_BYTES + 1024];
        java.util.Arrays.fill(big, (byte) ' ');

        ApiClient.Response refused = api.sendRaw("POST", configMaps(), big, "application/json");

        assertThat(refused.code()).isEqualTo(413);
        assertThat(refused.body().get("reason").asText()).isEqualTo("RequestEntityTooLarge");
    }

    @Test
    void metricsCountRequestsByVerbResourceAndCode() {
        api.get(configMaps() + "/nothing-here");

        String metrics = api.get("/metrics").body().asText();

        assertThat(metrics).contains("orc_apiserver_requests_total{verb=\"get\",resource=\"configmaps\",code=\"404\"}")
                .contains("orc_apiserver_request_duration_seconds_bucket")
                .contains("orc_store_request_duration_seconds_count{operation=\"get\"}")
                .contains("# TYPE orc_apiserver_watches_open gauge");
    }

    @Test
    void eventRecorderCountsRepeatsInsteadOfCreatingObjects() {
        ObjectNode pod = api.post(pods(), Fixtures.pod("p", "web")).object();
        EventRecorder recorder = new EventRecorder(
                dev.orc.api.client.ApiClient.connect(new ClientConfig(server.url(), TOKEN, null, ns)), "scheduler",
                java.time.Clock.systemUTC());
        ObjectReference ref = ObjectReference.of(pod);

        recorder.record(ref, "Warning", "FailedScheduling", "0/1 nodes are available");
        recorder.record(ref, "Warning", "FailedScheduling", "0/1 nodes are available");
        recorder.record(ref, "Normal", "Scheduled", "assigned to n1");

        JsonNode events = api.get("/api/v1/namespaces/" + ns + "/events").body().get("items");
        assertThat(events).hasSize(2);
        JsonNode failed = events.findParents("reason").stream()
                .filter(e -> e.get("reason").asText().equals("FailedScheduling")).findFirst().orElseThrow();
        assertThat(failed.get("count").asInt()).isEqualTo(2);
        assertThat(failed.get("involvedObject").get("uid").asText()).isEqualTo(pod.get("metadata").get("uid").asText());
        assertThat(failed.get("source").get("component").asText()).isEqualTo("scheduler");
    }

    private static JsonNode resource(JsonNode list, String name) {
        for (JsonNode r : list.get("resources")) {
            if (r.get("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no resource " + name + " in " + list);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.get("items").forEach(i -> names.add(i.get("metadata").get("name").asText()));
        return names;
    }
}
