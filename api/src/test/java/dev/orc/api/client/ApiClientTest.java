package dev.orc.api.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.status.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ApiClientTest {
    private static final String WEB = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
            + "\"namespace\":\"shop\",\"resourceVersion\":\"7\"},\"spec\":{\"replicas\":2}}";
    private static final String INVALID = """
            {"kind":"Status","apiVersion":"v1","status":"Failure","code":422,"reason":"Invalid",
             "message":"Deployment.apps \\"web\\" is invalid",
             "details":{"name":"web","group":"apps","kind":"deployments","causes":[
               {"reason":"FieldValueInvalid","field":"spec.replicas","message":"must be greater than or equal to 0"}]}}""";

    private final StubServer stub = newStub();

    private static StubServer newStub() {
        try {
            return new StubServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ApiClient client() {
        return ApiClient.connect(stub.config());
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void getReadsTheObjectFromItsKubernetesPathWithTheBearerToken() {
        stub.on("GET /apis/apps/v1/namespaces/shop/deployments/web", 200, WEB);
        ObjectNode web = client().get(ResourceTypes.DEPLOYMENT, "shop", "web");
        assertThat(web.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(stub.last().header("Authorization")).isEqualTo("Bearer secret-token");
    }

    @Test
    void listSendsSelectorsPagingAndEncodesThem() {
        stub.on("GET /api/v1/namespaces/default/pods", 200, "{\"kind\":\"PodList\",\"items\":[]}");
        client().list(ResourceTypes.POD, "default", ListOptions.labelSelector("app=web,tier!=db")
                .withFieldSelector("status.phase=Running").withLimit(50).withContinue("abc"));
        assertThat(stub.last().query()).isEqualTo(
                "labelSelector=app%3Dweb%2Ctier%21%3Ddb&fieldSelector=status.phase%3DRunning&continue=abc&limit=50");
    }

    @Test
    void aNullNamespaceListsAcrossAllNamespaces() {
        stub.on("GET /api/v1/pods", 200, "{\"kind\":\"PodList\",\"items\":[]}");
        client().list(ResourceTypes.POD, null, ListOptions.all());
        assertThat(stub.last().path()).isEqualTo("/api/v1/pods");
    }

    @Test
    void listAllFollowsContinueTokensUntilTheLastPage() {
        stub.on("GET /api/v1/namespaces/default/configmaps", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String page = query != null && query.contains("continue=p2")
                    ? "{\"metadata\":{},\"items\":[{\"metadata\":{\"name\":\"b\"}}]}"
                    : "{\"metadata\":{\"resourceVersion\":\"9\",\"continue\":\"p2\"},\"items\":[{\"metadata\":{\"name\":\"a\"}}]}";
            StubServer.send(exchange, 200, page);
        });
        ObjectNode all = client().listAll(ResourceTypes.CONFIG_MAP, "default", ListOptions.all().withLimit(1));
        assertThat(all.get("items")).extracting(i -> i.at("/metadata/name").asText()).containsExactly("a", "b");
        assertThat(all.at("/metadata/resourceVersion").asText()).isEqualTo("9");
        assertThat(all.at("/metadata/continue").isMissingNode()).isTrue();
    }

    @Test
    void createPostsToTheObjectsOwnNamespaceAndAsksForServerDryRun() {
        stub.on("POST /apis/apps/v1/namespaces/shop/deployments", 201, WEB);
        client().create(ResourceTypes.DEPLOYMENT, null, (ObjectNode) Json.parse(WEB), WriteOptions.serverDryRun());
        assertThat(stub.last().query()).isEqualTo("dryRun=All");
        assertThat(Json.parse(stub.last().body()).at("/metadata/name").asText()).isEqualTo("web");
        assertThat(stub.last().header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void createRefusesAnObjectWhoseNamespaceContradictsTheRequest() {
        assertThatThrownBy(() -> client().create(ResourceTypes.DEPLOYMENT, "other", (ObjectNode) Json.parse(WEB),
                WriteOptions.defaults()))
                .hasMessage("the deployment names namespace \"shop\" but the request is for namespace \"other\"");
    }

    @Test
    void updatePutsTheObjectWithItsResourceVersion() {
        stub.on("PUT /apis/apps/v1/namespaces/shop/deployments/web", 200, WEB);
        client().update(ResourceTypes.DEPLOYMENT, "shop", (ObjectNode) Json.parse(WEB), WriteOptions.defaults());
        assertThat(Json.parse(stub.last().body()).at("/metadata/resourceVersion").asText()).isEqualTo("7");
    }

    @Test
    void eachPatchTypeIsSentWithItsContentType() {
        stub.on("PATCH /apis/apps/v1/namespaces/shop/deployments/web", 200, WEB);
        ApiClient client = client();
        for (PatchType type : PatchType.values()) {
            client.patch(ResourceTypes.DEPLOYMENT, "shop", "web", type, Json.parse("{\"spec\":{\"replicas\":3}}"),
                    WriteOptions.defaults());
            assertThat(stub.last().header("Content-Type")).isEqualTo(type.contentType());
        }
        assertThat(PatchType.STRATEGIC_MERGE.contentType()).isEqualTo("application/strategic-merge-patch+json");
    }

    @Test
    void deleteSendsPropagationPolicyAndGracePeriodAsDeleteOptions() {
        stub.on("DELETE /api/v1/namespaces/default/pods/p", 200, "{\"kind\":\"Status\",\"status\":\"Success\"}");
        client().delete(ResourceTypes.POD, "default", "p", DeleteOptions.defaults()
                .withPropagation(DeleteOptions.Propagation.Foreground).withGracePeriodSeconds(0L));
        assertThat(Json.parse(stub.last().body()).toString()).isEqualTo(
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Foreground\",\"gracePeriodSeconds\":0}");
    }

    @Test
    void subresourcesUseTheirPaths() {
        stub.on("PATCH /apis/apps/v1/namespaces/shop/deployments/web/scale", 200, "{\"kind\":\"Scale\"}");
        stub.on("POST /api/v1/namespaces/default/pods/p/binding", 201, "{\"kind\":\"Status\",\"status\":\"Success\"}");
        stub.on("PUT /api/v1/namespaces/default/pods/p/status", 200, "{\"kind\":\"Pod\"}");
        stub.on("GET /api/v1/namespaces/default/pods/p/log", exchange -> StubServer.send(exchange, 200, "one\ntwo\n"));
        ApiClient client = client();

        client.scale(ResourceTypes.DEPLOYMENT, "shop", "web", 5);
        assertThat(stub.last().body()).isEqualTo("{\"spec\":{\"replicas\":5}}");
        client.bind("default", "p", "node-1");
        assertThat(Json.parse(stub.last().body()).at("/target/name").asText()).isEqualTo("node-1");
        client.updateStatus(ResourceTypes.POD, "default", (ObjectNode) Json.parse(
                "{\"metadata\":{\"name\":\"p\"},\"status\":{\"phase\":\"Running\"}}"));
        assertThat(stub.last().path()).isEqualTo("/api/v1/namespaces/default/pods/p/status");
        assertThat(client.log("default", "p", LogOptions.defaults().withContainer("app").withTailLines(2)))
                .isEqualTo("one\ntwo\n");
        assertThat(stub.last().query()).isEqualTo("container=app&tailLines=2");
    }

    @Test
    void aStatusErrorBecomesATypedExceptionNamingTheFields() {
        stub.on("POST /apis/apps/v1/namespaces/shop/deployments", 422, INVALID);
        assertThatThrownBy(() -> client().create(ResourceTypes.DEPLOYMENT, "shop", (ObjectNode) Json.parse(WEB),
                WriteOptions.defaults()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.reason()).isEqualTo("Invalid");
                    assertThat(e.causes()).containsExactly(new ApiException.Cause("FieldValueInvalid",
                            "must be greater than or equal to 0", "spec.replicas"));
                    assertThat(e.getMessage()).isEqualTo(
                            "Deployment.apps \"web\" is invalid: spec.replicas: must be greater than or equal to 0");
                });
    }

    @Test
    void notFoundAndConflictAreRecognisable() {
        stub.on("PUT /apis/apps/v1/namespaces/shop/deployments/web", 409, "{\"kind\":\"Status\",\"code\":409,"
                + "\"reason\":\"Conflict\",\"message\":\"the object has been modified\"}");
        ApiClient client = client();
        assertThatThrownBy(() -> client.get(ResourceTypes.DEPLOYMENT, "shop", "gone"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isNotFound()).isTrue());
        assertThatThrownBy(() -> client.update(ResourceTypes.DEPLOYMENT, "shop", (ObjectNode) Json.parse(WEB),
                WriteOptions.defaults()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.isConflict()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("the object has been modified");
                });
    }

    @Test
    void aRequestRefusedWith429IsSentAgainAfterRetryAfterAndThenSucceeds() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        stub.on("POST /apis/apps/v1/namespaces/shop/deployments", exchange -> {
            if (calls.incrementAndGet() == 1) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                StubServer.send(exchange, 429, "{\"kind\":\"Status\",\"code\":429,\"reason\":\"TooManyRequests\","
                        + "\"message\":\"Too many requests, please try again later.\"}");
            } else {
                StubServer.send(exchange, 201, WEB);
            }
        });
        ObjectNode created = client().create(ResourceTypes.DEPLOYMENT, "shop", (ObjectNode) Json.parse(WEB),
                WriteOptions.defaults());
        assertThat(created.at("/metadata/name").asText()).isEqualTo("web");
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void anEvictionABudgetRefusesIsOne429WithItsCausesAndNoRetry() {
        stub.on("POST /api/v1/namespaces/shop/pods/web-0/eviction", exchange -> StubServer.send(exchange, 429,
                "{\"kind\":\"Status\",\"code\":429,\"reason\":\"TooManyRequests\",\"message\":\"Cannot evict pod as "
                        + "it would violate the pod's disruption budget.\",\"details\":{\"causes\":[{\"reason\":"
                        + "\"DisruptionBudget\",\"message\":\"The disruption budget web needs 2 healthy pods and has 2 "
                        + "currently\"}]}}"));

        assertThatThrownBy(() -> client().evict("shop", "web-0", DeleteOptions.defaults().withGracePeriodSeconds(5L)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(429);
                    assertThat(e.statusMessage()).isEqualTo("Cannot evict pod as it would violate the pod's disruption "
                            + "budget.");
                    assertThat(e.causes()).extracting(ApiException.Cause::reason).containsExactly("DisruptionBudget");
                });
        assertThat(stub.requests()).hasSize(1);
        com.fasterxml.jackson.databind.JsonNode eviction = Json.parse(stub.requests().getFirst().body());
        assertThat(eviction.path("kind").asText()).isEqualTo("Eviction");
        assertThat(eviction.path("apiVersion").asText()).isEqualTo("policy/v1");
        assertThat(eviction.at("/metadata/name").asText()).isEqualTo("web-0");
        assertThat(eviction.at("/deleteOptions/gracePeriodSeconds").asInt()).isEqualTo(5);
    }

    @Test
    void a429ThatPersistsEndsAsTheServersErrorAfterBoundedRetries() {
        stub.on("GET /api/v1/nodes/n1", exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "0");
            StubServer.send(exchange, 429, "{\"kind\":\"Status\",\"code\":429,\"reason\":\"TooManyRequests\","
                    + "\"message\":\"Too many requests, please try again later.\"}");
        });
        assertThatThrownBy(() -> client().get(ResourceTypes.NODE, null, "n1"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(429));
        assertThat(stub.requests()).hasSize(HttpTransport.MAX_RETRIES_AFTER_429 + 1);
    }

    @Test
    void anErrorWithoutStatusStillReadsForAPerson() {
        stub.on("GET /api/v1/nodes/n1", 502, "bad gateway");
        assertThatThrownBy(() -> client().get(ResourceTypes.NODE, null, "n1"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(502);
                    assertThat(e.getMessage()).isEqualTo("bad gateway");
                });
    }

    @Test
    void anUnreachableServerIsOneReadableError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ApiClient client = ApiClient.connect(ClientConfig.empty().withServer("http://127.0.0.1:" + port));
        assertThatThrownBy(() -> client.get(ResourceTypes.NODE, null, "n1"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.isUnreachable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("cannot reach the orc server at http://127.0.0.1:" + port + ": connection refused");
                });
    }

    @Test
    void aServerThatDoesNotAnswerIsBoundedByTheRequestTimeout() {
        CountDownLatch release = new CountDownLatch(1);
        stub.on("GET /api/v1/nodes/slow", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            StubServer.send(exchange, 200, "{}");
        });
        ApiClient client = ApiClient.connect(stub.config(), Duration.ofMillis(300));
        try {
            assertThatThrownBy(() -> client.get(ResourceTypes.NODE, null, "slow"))
                    .hasMessage("the orc server at " + stub.url() + " did not answer within 300ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aMissingNameOrNamespaceIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> client().get(ResourceTypes.POD, null, "p"))
                .hasMessage("a namespace is required for pod \"p\"");
        assertThatThrownBy(() -> client().get(ResourceTypes.POD, "default", ""))
                .hasMessage("a pod name is required");
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void watchStreamsTypedEventsAndEndsOnAnErrorEvent() throws InterruptedException {
        stub.on("GET /api/v1/namespaces/default/pods", exchange -> StubServer.send(exchange, 200, """
                {"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"}}}
                {"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"6"}}}

                {"type":"DELETED","object":{"metadata":{"name":"a","resourceVersion":"7"}}}
                {"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old resource version: 1"}}
                {"type":"ADDED","object":{"metadata":{"name":"never","resourceVersion":"9"}}}
                """));
        Recorder recorder = new Recorder();
        WatchHandle handle = client().watch(ResourceTypes.POD, "default",
                ListOptions.all().withResourceVersion("4").withBookmarks(true).withTimeoutSeconds(60), recorder);

        assertThat(handle.awaitClosed(Duration.ofSeconds(10))).isTrue();
        assertThat(recorder.events).extracting(e -> e.type() + "@" + e.resourceVersion())
                .containsExactly("ADDED@5", "BOOKMARK@6", "DELETED@7");
        assertThat(recorder.failure.get().isGone()).isTrue();
        assertThat(recorder.failure.get().getMessage()).isEqualTo("too old resource version: 1");
        assertThat(stub.last().query()).isEqualTo(
                "watch=true&resourceVersion=4&allowWatchBookmarks=true&timeoutSeconds=60");
    }

    @Test
    void aWatchWithBookmarksThatFallsSilentEndsAsADeadConnection() throws InterruptedException {
        CountDownLatch serverDone = new CountDownLatch(1);
        stub.on("GET /api/v1/namespaces/default/pods", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"a\"}}}\n"
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                serverDone.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException | IOException e) {
                Thread.currentThread().interrupt();
            }
        });
        ApiClient client = ApiClient.over(new HttpTransport(java.net.http.HttpClient.newHttpClient(), stub.url(),
                "secret-token", Duration.ofSeconds(10), "none", Duration.ofMillis(500)));
        Recorder recorder = new Recorder();
        try {
            WatchHandle handle = client.watch(ResourceTypes.POD, "default", ListOptions.all().withBookmarks(true), recorder);
            assertThat(handle.awaitClosed(Duration.ofSeconds(20))).isTrue();
            assertThat(recorder.failure.get().getMessage()).contains("nothing came from", "presumed dead");
            assertThat(recorder.events).as("the event sent before the silence, unless a loaded machine delayed it"
                    + " past the idle timeout").extracting(e -> e.object().at("/metadata/name").asText())
                    .isSubsetOf("a");
        } finally {
            serverDone.countDown();
        }
    }

    @Test
    void closingAWatchEndsItWhileTheServerKeepsStreaming() throws InterruptedException {
        CountDownLatch serverDone = new CountDownLatch(1);
        stub.on("GET /api/v1/namespaces/default/pods", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"a\"}}}\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                serverDone.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException | IOException e) {
                Thread.currentThread().interrupt();
            }
        });
        Recorder recorder = new Recorder();
        WatchHandle handle = client().watch(ResourceTypes.POD, "default", ListOptions.all(), recorder);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.events.size() == 1);
            handle.close();
            assertThat(handle.awaitClosed(Duration.ofSeconds(10))).isTrue();
            assertThat(recorder.closes).isEqualTo(1);
            assertThat(recorder.failure.get()).isNull();
        } finally {
            serverDone.countDown();
        }
    }

    @Test
    void aWatchRefusedByTheServerEndsWithTheServersError() throws InterruptedException {
        stub.on("GET /api/v1/namespaces/default/pods", 401, "{\"kind\":\"Status\",\"code\":401,\"reason\":\"Unauthorized\","
                + "\"message\":\"Unauthorized\"}");
        Recorder recorder = new Recorder();
        WatchHandle handle = client().watch(ResourceTypes.POD, "default", ListOptions.all(), recorder);
        assertThat(handle.awaitClosed(Duration.ofSeconds(10))).isTrue();
        assertThat(recorder.failure.get().code()).isEqualTo(401);
    }

    @Test
    void followLogDeliversLinesAsTheyArrive() throws InterruptedException {
        stub.on("GET /api/v1/namespaces/default/pods/p/log", exchange -> StubServer.send(exchange, 200, "starting\nready\n"));
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicReference<ApiException> end = new AtomicReference<>();
        WatchHandle handle = client().followLog("default", "p", LogOptions.defaults(), lines::add, end::set);
        assertThat(handle.awaitClosed(Duration.ofSeconds(10))).isTrue();
        assertThat(lines).containsExactly("starting", "ready");
        assertThat(end.get()).isNull();
        assertThat(stub.last().query()).isEqualTo("follow=true");
    }

    @Test
    void oneClientServesManyThreadsAtOnce() throws InterruptedException {
        stub.on("GET /apis/apps/v1/namespaces/shop/deployments/web", 200, WEB);
        ApiClient client = client();
        List<Integer> replicas = new CopyOnWriteArrayList<>();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            threads.add(Thread.ofVirtual().start(() ->
                    replicas.add(client.get(ResourceTypes.DEPLOYMENT, "shop", "web").at("/spec/replicas").asInt())));
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(10));
        }
        assertThat(replicas).hasSize(16).containsOnly(2);
    }

    private static final class Recorder implements WatchListener {
        final List<WatchEvent> events = new CopyOnWriteArrayList<>();
        final AtomicReference<ApiException> failure = new AtomicReference<>();
        volatile int closes;

        @Override
        public void onEvent(WatchEvent event) {
            events.add(event);
        }

        @Override
        public void onClose(ApiException cause) {
            failure.set(cause);
            closes++;
        }
    }
}
