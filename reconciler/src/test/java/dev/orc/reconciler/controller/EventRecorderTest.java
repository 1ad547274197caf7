package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import dev.orc.api.record.EventRecorder;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The event recorder of {@code dev.orc.api.record} against the real API server. */
class EventRecorderTest {
    @TempDir
    Path dataDir;
    private SqliteStore store;
    private ApiServer server;
    private EventRecorder events;
    private ApiClient client;

    @BeforeEach
    void start() {
        store = SqliteStore.open(dataDir);
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store));
        client = ApiClient.connect(new ClientConfig(server.url(), null, null, "default"));
        events = new EventRecorder(client, "default-scheduler",
                Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    private static Pod pod(String name) {
        return Pod.of(ObjectMeta.of("default", name).withUid("uid-" + name), PodSpec.of());
    }

    private List<JsonNode> storedEvents() {
        List<JsonNode> items = new ArrayList<>();
        client.list(ResourceTypes.EVENT, "default", ListOptions.all()).path("items").forEach(items::add);
        return items;
    }

    @Test
    void aNewEventIsCreatedWithCountOneAndItsSource() {
        events.record(pod("web-1"), "Normal", "Scheduled", "Successfully assigned default/web-1 to n1");

        assertThat(storedEvents()).singleElement().satisfies(event -> {
            assertThat(event.path("count").asInt()).isEqualTo(1);
            assertThat(event.path("reason").asText()).isEqualTo("Scheduled");
            assertThat(event.path("involvedObject").path("name").asText()).isEqualTo("web-1");
            assertThat(event.path("source").path("component").asText()).isEqualTo("default-scheduler");
            assertThat(event.path("firstTimestamp").asText()).isEqualTo("2025-01-02T03:04:05Z");
        });
    }

    @Test
    void aRepeatOfTheSameReasonAndMessageBumpsTheCountOfTheOneEvent() {
        for (int i = 0; i < 3; i++) {
            events.record(pod("web-1"), "Warning", "FailedScheduling", "0/1 nodes are available: 1 Insufficient cpu");
        }

        assertThat(storedEvents()).singleElement()
                .satisfies(event -> assertThat(event.path("count").asInt()).isEqualTo(3));
    }

    @Test
    void anotherMessageOrAnotherObjectIsAnotherEvent() {
        events.record(pod("web-1"), "Normal", "Scheduled", "Successfully assigned default/web-1 to n1");
        events.record(pod("web-1"), "Normal", "Scheduled", "Successfully assigned default/web-1 to n2");
        events.record(pod("web-2"), "Normal", "Scheduled", "Successfully assigned default/web-1 to n1");

        assertThat(storedEvents()).hasSize(3).allSatisfy(event -> assertThat(event.path("count").asInt()).isEqualTo(1));
    }

    @Test
    void anEventOnAPodRefersToThatPod() {
        events.record(pod("web-1"), "Normal", "Scheduled", "Successfully assigned default/web-1 to n1");

        assertThat(storedEvents()).singleElement().satisfies(event -> {
            JsonNode involved = event.path("involvedObject");
            assertThat(involved.path("apiVersion").asText()).isEqualTo("v1");
            assertThat(involved.path("kind").asText()).isEqualTo("Pod");
            assertThat(involved.path("namespace").asText()).isEqualTo("default");
            assertThat(involved.path("name").asText()).isEqualTo("web-1");
            assertThat(involved.path("uid").asText()).isEqualTo("uid-web-1");
            assertThat(event.path("metadata").path("name").asText()).startsWith("web-1.");
        });
    }
}
