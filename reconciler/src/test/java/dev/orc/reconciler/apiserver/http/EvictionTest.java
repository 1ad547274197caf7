package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Timestamps;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.controller.PodFixture;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The eviction subresource on the real registry over HTTP, as kube-apiserver answers it: allowed evictions delete
 * the pod and spend the budget, refused ones are 429 naming the budget, concurrent ones never spend one disruption
 * twice, a pod in two budgets is 500, and pods that are not ready, pending or terminating go as Kubernetes lets them.
 */
class EvictionTest {
    private static final String TOKEN = "eviction-test";
    private static final String NS = "default";

    private final ManualClock clock = new ManualClock();
    private Store store;
    private ApiServer server;
    private ApiClient client;

    @BeforeEach
    void start() throws Exception {
        store = SqliteStore.open(Files.createTempDirectory("orc-eviction"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store).withClock(clock.withZone(ZoneOffset.UTC))
                .withAuthenticator(new TokenAuthenticator(Map.of(TOKEN, "admin"))));
        client = ApiClient.connect(new ClientConfig(server.url(), TOKEN, null, NS));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void anAllowedEvictionDeletesThePodWithItsGracePeriodAndSpendsTheBudget() {
        readyPods("web-0", "web-1");
        budget("web", 2, 1, 1);

        client.evict(NS, "web-0", DeleteOptions.defaults().withGracePeriodSeconds(5L));

        ObjectNode pod = client.get(ResourceTypes.POD, NS, "web-0");
        assertThat(pod.at("/metadata/deletionGracePeriodSeconds").asLong()).isEqualTo(5);
        JsonNode status = client.get(ResourceTypes.POD_DISRUPTION_BUDGET, NS, "web").path("status");
        assertThat(status.path("disruptionsAllowed").asInt()).isZero();
        assertThat(status.at("/disruptedPods/web-0").asText()).isEqualTo(Timestamps.format(clock.instant()));
        assertThat(status.at("/conditions/0/status").asText()).isEqualTo("False");
        assertThat(status.at("/conditions/0/reason").asText()).isEqualTo("InsufficientPods");
    }

    @Test
    void anEvictionTheBudgetForbidsIs429NamingTheBudgetWithoutRetryAfter() throws Exception {
        readyPods("web-0", "web-1");
        budget("web", 2, 2, 0);

        HttpResponse<String> answer = postEviction("web-0", "web-0");

        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.headers().firstValue("Retry-After")).isEmpty();
        JsonNode status = Json.parse(answer.body());
        assertThat(status.path("reason").asText()).isEqualTo("TooManyRequests");
        assertThat(status.path("message").asText())
                .isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(status.at("/details/causes/0/reason").asText()).isEqualTo("DisruptionBudget");
        assertThat(status.at("/details/causes/0/message").asText())
                .isEqualTo("The disruption budget web needs 2 healthy pods and has 2 currently");
        assertThat(client.get(ResourceTypes.POD, NS, "web-0").path("metadata").has("deletionTimestamp")).isFalse();
    }

    @Test
    void concurrentEvictionsSpendTheLastDisruptionOnlyOnce() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            names.add("web-" + i);
        }
        readyPods(names.toArray(String[]::new));
        budget("web", 8, 7, 1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(names.size())) {
            for (String name : names) {
                Callable<Integer> evict = () -> {
                    start.await();
                    try {
                        client.evict(NS, name, DeleteOptions.defaults());
                        return 201;
                    } catch (ApiException e) {
                        return e.code();
                    }
                };
                answers.add(pool.submit(evict));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                codes.add(answer.get());
            }
            assertThat(codes).containsOnly(201, 429).filteredOn(code -> code == 201).hasSize(1);
        }
        JsonNode status = client.get(ResourceTypes.POD_DISRUPTION_BUDGET, NS, "web").path("status");
        assertThat(status.path("disruptionsAllowed").asInt()).isZero();
        assertThat(status.path("disruptedPods").size()).isEqualTo(1);
        long marked = names.stream().filter(name -> client.get(ResourceTypes.POD, NS, name).path("metadata")
                .has("deletionTimestamp")).count();
        assertThat(marked).isEqualTo(1);
    }

    @Test
    void aPodInTwoBudgetsIsNotEvictedAndAnswers500() {
        readyPods("web-0");
        budget("web", 1, 0, 1);
        budget("web-too", 1, 0, 1);

        assertThatThrownBy(() -> client.evict(NS, "web-0", DeleteOptions.defaults()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(500);
                    assertThat(e.getMessage()).isEqualTo("This pod has more than one PodDisruptionBudget, which the "
                            + "eviction subresource does not support.");
                });
        assertThat(client.get(ResourceTypes.POD, NS, "web-0").path("metadata").has("deletionTimestamp")).isFalse();
    }

    @Test
    void aPodNoBudgetCoversIsDeleted() {
        readyPods("web-0");

        client.evict(NS, "web-0", DeleteOptions.defaults().withGracePeriodSeconds(0L));

        assertThat(client.find(ResourceTypes.POD, NS, "web-0")).isEmpty();
    }

    @Test
    void anUnreadyPodGoesWithoutSpendingWhileTheBudgetIsMet() {
        readyPods("web-0", "web-1");
        unreadyPod("web-2");
        budget("web", 3, 2, 0);

        client.evict(NS, "web-2", DeleteOptions.defaults());

        assertThat(client.get(ResourceTypes.POD, NS, "web-2").path("metadata").has("deletionTimestamp")).isTrue();
        assertThat(client.get(ResourceTypes.POD_DISRUPTION_BUDGET, NS, "web").at("/status/disruptedPods").isMissingNode())
                .isTrue();
    }

    @Test
    void anUnreadyPodOfABrokenBudgetIsRefusedUnlessThePolicyIsAlwaysAllow() {
        readyPods("web-0");
        unreadyPod("web-1");
        budget("web", 1, 2, 0);

        assertThatThrownBy(() -> client.evict(NS, "web-1", DeleteOptions.defaults()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(429));

        ObjectNode pdb = client.get(ResourceTypes.POD_DISRUPTION_BUDGET, NS, "web");
        ((ObjectNode) pdb.get("spec")).put("unhealthyPodEvictionPolicy", "AlwaysAllow");
        client.update(ResourceTypes.POD_DISRUPTION_BUDGET, NS, pdb, WriteOptions.defaults());
        ObjectNode updated = client.get(ResourceTypes.POD_DISRUPTION_BUDGET, NS, "web");
        ((ObjectNode) updated.get("status")).put("observedGeneration", updated.at("/metadata/generation").asLong());
        client.updateStatus(ResourceTypes.POD_DISRUPTION_BUDGET, NS, updated);

        client.evict(NS, "web-1", DeleteOptions.defaults());

        assertThat(client.get(ResourceTypes.POD, NS, "web-1").path("metadata").has("deletionTimestamp")).isTrue();
    }

    @Test
    void pendingAndTerminatingPodsGoWhateverTheBudget() {
        readyPods("web-0");
        client.create(ResourceTypes.POD, NS, PodFixture.pod("web-pending").build(), WriteOptions.defaults());
        budget("web", 2, 2, 0);

        client.evict(NS, "web-pending", DeleteOptions.defaults());
        client.delete(ResourceTypes.POD, NS, "web-0", DeleteOptions.defaults().withGracePeriodSeconds(30L));
        client.evict(NS, "web-0", DeleteOptions.defaults().withGracePeriodSeconds(10L));

        assertThat(client.find(ResourceTypes.POD, NS, "web-pending")).isEmpty();
        assertThat(client.get(ResourceTypes.POD, NS, "web-0").at("/metadata/deletionGracePeriodSeconds").asLong())
                .isEqualTo(10);
    }

    @Test
    void aBudgetTheControllerHasNotSeenYetIs429StillBeingProcessedRetryAfterTenSeconds() throws Exception {
        readyPods("web-0", "web-1");
        client.create(ResourceTypes.POD_DISRUPTION_BUDGET, NS, budgetObject("web", 1), WriteOptions.defaults());

        HttpResponse<String> answer = postEviction("web-0", "web-0");

        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.headers().firstValue("Retry-After")).contains("10");
        assertThat(Json.parse(answer.body()).at("/details/causes/0/message").asText())
                .isEqualTo("The disruption budget web is still being processed by the server.");
    }

    @Test
    void aDryRunChangesNothing() {
        readyPods("web-0", "web-1");
        budget("web", 2, 1, 1);

        client.evict(NS, "web-0", DeleteOptions.defaults().withDryRun(true));

        assertThat(client.get(ResourceTypes.POD, NS, "web-0").path("metadata").has("deletionTimestamp")).isFalse();
        assertThat(client.get(ResourceTypes.POD_DISRUPTION_BUDGET, NS, "web").at("/status/disruptionsAllowed").asInt())
                .isEqualTo(1);
    }

    @Test
    void anEvictionOfAnotherNameThanThePathsIsABadRequest() throws Exception {
        readyPods("web-0");

        HttpResponse<String> answer = postEviction("web-0", "web-1");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(Json.parse(answer.body()).path("message").asText())
                .isEqualTo("name in URL does not match name in Eviction object");
    }

    /** An Eviction of {@code name} posted to {@code pod}'s eviction subresource over plain HTTP. */
    private HttpResponse<String> postEviction(String pod, String name) throws Exception {
        String eviction = "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"" + name + "\"}}";
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/namespaces/default/pods/" + pod
                            + "/eviction"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(eviction)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private void readyPods(String... names) {
        for (String name : names) {
            ObjectNode created = client.create(ResourceTypes.POD, NS, PodFixture.pod(name).node("node-1").build(),
                    WriteOptions.defaults());
            created.set("status", PodFixture.pod(name).ready(clock.instant()).build().get("status"));
            client.updateStatus(ResourceTypes.POD, NS, created);
        }
    }

    private void unreadyPod(String name) {
        ObjectNode created = client.create(ResourceTypes.POD, NS, PodFixture.pod(name).node("node-1").build(),
                WriteOptions.defaults());
        created.set("status", PodFixture.pod(name).phase("Running").build().get("status"));
        client.updateStatus(ResourceTypes.POD, NS, created);
    }

    /** A minAvailable budget on app=web with the status the disruption controller would have written. */
    private void budget(String name, int healthy, int desired, int allowed) {
        ObjectNode created = client.create(ResourceTypes.POD_DISRUPTION_BUDGET, NS, budgetObject(name, desired),
                WriteOptions.defaults());
        created.putObject("status").put("observedGeneration", created.at("/metadata/generation").asLong())
                .put("currentHealthy", healthy).put("desiredHealthy", desired).put("expectedPods", healthy)
                .put("disruptionsAllowed", allowed);
        client.updateStatus(ResourceTypes.POD_DISRUPTION_BUDGET, NS, created);
    }

    private static ObjectNode budgetObject(String name, int minAvailable) {
        ObjectNode pdb = Json.object().put("apiVersion", "policy/v1").put("kind", "PodDisruptionBudget");
        pdb.putObject("metadata").put("name", name);
        pdb.putObject("spec").put("minAvailable", minAvailable).putObject("selector").putObject("matchLabels")
                .put("app", "web");
        return pdb;
    }
}
