package dev.orc.node.pod;

import dev.orc.api.model.Pod;
import dev.orc.node.runtime.ContainerSpec;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.fake.FakeRuntime;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodObserverTest {
    private final FakeRuntime runtime = new FakeRuntime(new ManualClock(Instant.parse("2024-05-01T12:00:00Z")));
    private final PodObserver observer = new PodObserver(runtime, "n1");
    private final Pod pod = Pods.pod("web").container("app", "serve").container("side", "serve").build();

    PodObserverTest() {
        ImageBuilder.ensure(runtime, ImageBuilder.busyboxImage(ImageBuilder.DEFAULT_BUSYBOX));
    }

    private String create(String container, int attempt) {
        return runtime.create(ContainerSpec.builder(PodLabels.containerName(pod, container, attempt), Pods.IMAGE)
                .labels(PodLabels.forContainer("n1", pod, container, ContainerRole.APP, attempt, 30)).build());
    }

    @Test
    void afterASyncTheContainersSeenBeforeAndThoseItStartedAreInspectedAsTheyAreNow() {
        String app = create("app", 0);
        runtime.start(app);
        String removed = create("side", 0);
        ObservedPod before = observer.observe(pod.metadata().uid());
        runtime.remove(removed);
        runtime.exit(app, 1);
        String restarted = create("app", 1);
        runtime.start(restarted);

        ObservedPod after = observer.reobserve(before, List.of(PodLabels.containerName(pod, "app", 1),
                PodLabels.containerName(pod, "side", 1)));

        assertThat(after.containers()).extracting(ObservedContainer::id).containsExactly(app, restarted);
        assertThat(after.current("app").orElseThrow().running()).isTrue();
        assertThat(after.previous("app").orElseThrow().info().exitCode()).isEqualTo(1);
        assertThat(observer.observe(pod.metadata().uid()).containers()).as("what a listing finds")
                .extracting(ObservedContainer::id).containsExactlyInAnyOrderElementsOf(
                        after.containers().stream().map(ObservedContainer::id).toList());
    }

    @Test
    void onceTheNodeIsListedTheFirstLookAtAPodWithoutContainersThereAsksNothingAndLaterLooksList() {
        String adopted = create("app", 0);
        Pod fresh = Pods.pod("fresh").container("app", "serve").build();
        String uid = fresh.metadata().uid();

        assertThat(observer.podUids()).containsExactly(pod.metadata().uid());
        assertThat(observer.observe(pod.metadata().uid()).containers()).extracting(ObservedContainer::id)
                .as("found when the node was listed").containsExactly(adopted);
        runtime.create(ContainerSpec.builder(PodLabels.containerName(fresh, "app", 0), Pods.IMAGE)
                .labels(PodLabels.forContainer("n1", fresh, "app", ContainerRole.APP, 0, 30)).build());
        assertThat(observer.observe(uid).isEmpty()).as("first look, not asked").isTrue();
        assertThat(observer.observe(uid).containers()).as("later looks list").hasSize(1);

        observer.forget(uid);
        assertThat(observer.observe(uid).isEmpty()).isTrue();
    }

    @Test
    void beforeTheNodeIsListedEveryLookLists() {
        String app = create("app", 0);

        assertThat(observer.observe(pod.metadata().uid()).containers()).extracting(ObservedContainer::id)
                .containsExactly(app);
    }
}
