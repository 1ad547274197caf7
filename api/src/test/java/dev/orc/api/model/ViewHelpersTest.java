package dev.orc.api.model;

import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ViewHelpersTest {

    @Test
    void puttingAConditionKeepsItsTransitionTimeUnlessTheStatusChanges() {
        Condition ready = Condition.of("Ready", Condition.FALSE, "Starting", null, "2024-05-01T12:00:00Z");
        PodStatus status = PodStatus.phase(PodStatus.PENDING).withCondition(ready);

        PodStatus same = status.withCondition(Condition.of("Ready", Condition.FALSE, "StillStarting", null, "2024-05-01T12:05:00Z"));
        PodStatus flipped = status.withCondition(Condition.of("Ready", Condition.TRUE, null, null, "2024-05-01T12:06:00Z"));

        assertThat(same.conditions()).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("StillStarting");
            assertThat(c.lastTransitionTime()).isEqualTo("2024-05-01T12:00:00Z");
        });
        assertThat(flipped.ready()).isTrue();
        assertThat(flipped.conditions().getFirst().lastTransitionTime()).isEqualTo("2024-05-01T12:06:00Z");
        assertThat(status.ready()).isFalse();
    }

    @Test
    void controllerRefIsTheOwnerMarkedController() {
        ReplicaSet owner = ReplicaSet.of(ObjectMeta.of("shop", "web-1").withUid("u-1"), null);
        ObjectMeta meta = ObjectMeta.named("web-1-x").withOwnerReferences(List.of(
                new OwnerReference("v1", "ConfigMap", "cfg", "u-0", null, null), OwnerReference.controllerOf(owner)));

        assertThat(meta.controllerRef()).hasValueSatisfying(ref -> {
            assertThat(ref.kind()).isEqualTo("ReplicaSet");
            assertThat(ref.uid()).isEqualTo("u-1");
            assertThat(ref.blockOwnerDeletion()).isTrue();
        });
        assertThat(ObjectMeta.named("x").controllerRef()).isEmpty();
    }

    @Test
    void secretValuesComeFromStringDataFirstThenDecodedData() {
        Secret secret = new Secret("v1", "Secret", ObjectMeta.named("s"), null,
                Map.of("user", "YWRtaW4=", "bad", "%%%", "pass", "b2xk"), Map.of("pass", "new"), null);

        assertThat(secret.value("user")).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("admin"));
        assertThat(secret.value("pass")).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("new"));
        assertThat(secret.value("none")).isEmpty();
        assertThatThrownBy(() -> secret.value("bad")).hasMessage("Secret data \"bad\" is not valid base64");
    }

    @Test
    void effectiveRequestFallsBackToTheLimitThenZero() {
        ResourceRequirements resources = new ResourceRequirements(
                Map.of("cpu", Quantity.parse("2"), "memory", Quantity.parse("1Gi")), Map.of("cpu", Quantity.parse("500m")));

        assertThat(resources.effectiveRequest("cpu")).isEqualTo(Quantity.parse("500m"));
        assertThat(resources.effectiveRequest("memory")).isEqualTo(Quantity.parse("1Gi"));
        assertThat(resources.effectiveRequest("ephemeral-storage")).isEqualTo(Quantity.ZERO);
        assertThat(Container.of("c", "i").resourcesOrEmpty().effectiveRequest("cpu")).isEqualTo(Quantity.ZERO);
    }

    @Test
    void timestampsAreRfc3339InUtc() {
        Instant instant = Instant.parse("2024-05-01T12:00:00.987654321Z");

        assertThat(Timestamps.format(instant)).isEqualTo("2024-05-01T12:00:00Z");
        assertThat(Timestamps.formatMicros(instant)).isEqualTo("2024-05-01T12:00:00.987654Z");
        assertThat(Timestamps.parse("2024-05-01T14:00:00+02:00")).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(Timestamps.parse(null)).isNull();
        assertThatThrownBy(() -> Timestamps.parse("yesterday")).hasMessageContaining("\"yesterday\"");
    }

    @Test
    void gitSourceHistoryKeepsTheNewestWithinItsBound() {
        GitSourceStatus status = GitSourceStatus.empty();
        for (int i = 1; i <= 5; i++) {
            status = status.withHistory(new GitSourceStatus.SyncRecord("c" + i, null, null, null, "Succeeded", null), 3);
        }

        assertThat(status.history()).extracting(GitSourceStatus.SyncRecord::commit).containsExactly("c5", "c4", "c3");
    }

    @Test
    void gitSourceIntervalParsesWithTheDefault() {
        assertThat(GitSourceSpec.of("file:///r").intervalDuration()).isEqualTo(Duration.ofMinutes(1));
        GitSource source = Json.convert(Json.parse("""
                {"apiVersion":"orc.dev/v1","kind":"GitSource","metadata":{"name":"s"},"spec":{"url":"u","interval":"90s"}}
                """), GitSource.class);
        assertThat(source.spec().intervalDuration()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aRepeatedEventCountsUpAndMovesItsLastTimestamp() {
        Event event = Event.of(ObjectMeta.of("shop", "web.1"), ObjectReference.to(Pod.of(ObjectMeta.of("shop", "web"), null)),
                Event.WARNING, "BackOff", "Back-off restarting failed container", new Event.Source("orc-node", "n1"),
                "2024-05-01T12:00:00Z");

        Event again = event.repeated("2024-05-01T12:01:00Z").repeated("2024-05-01T12:02:00Z");

        assertThat(again.count()).isEqualTo(3);
        assertThat(again.firstTimestamp()).isEqualTo("2024-05-01T12:00:00Z");
        assertThat(again.lastTimestamp()).isEqualTo("2024-05-01T12:02:00Z");
        assertThat(again.involvedObject().kind()).isEqualTo("Pod");
    }

    @Test
    void factoriesFillApiVersionAndKind() {
        List<KubeObject> objects = List.of(Pod.of(ObjectMeta.named("p"), PodSpec.of()), Namespace.of("n"),
                Deployment.of(ObjectMeta.named("d"), null), GitSource.of(ObjectMeta.named("g"), null),
                Job.of(ObjectMeta.named("j"), null), DaemonSet.of(ObjectMeta.named("ds"), null));

        assertThat(objects).extracting(KubeObject::apiVersion, KubeObject::kind).containsExactly(
                tuple("v1", "Pod"), tuple("v1", "Namespace"),
                tuple("apps/v1", "Deployment"), tuple("orc.dev/v1", "GitSource"),
                tuple("batch/v1", "Job"), tuple("apps/v1", "DaemonSet"));
    }

    @Test
    void everyKindTheApiServesHasAViewWithMatchingConstants() {
        for (ResourceType type : ResourceTypes.all()) {
            Class<? extends KubeObject> view = Fixtures.VIEWS.get(type.kind());
            assertThat(view).as(type.kind()).isNotNull();
            assertThat(view.getSimpleName()).isEqualTo(type.kind());
        }
    }
}
