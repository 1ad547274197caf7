package dev.orc.reconciler.scheduler.framework;

import dev.orc.api.model.ClaimLabels;
import dev.orc.api.model.Node;
import dev.orc.api.model.NodeSelectorRequirement;
import dev.orc.api.model.Taint;
import dev.orc.reconciler.scheduler.plugins.DefaultPlugins;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static dev.orc.reconciler.scheduler.Fixtures.node;
import static dev.orc.reconciler.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

/** The default framework end to end over a cache: messages, choice of node, determinism, assumed pods. */
class SchedulerFrameworkTest {
    private final Framework framework = DefaultPlugins.framework();

    private static SchedulerCache cacheOf(Node... nodes) {
        SchedulerCache cache = new SchedulerCache();
        for (Node node : nodes) {
            cache.putNode(node);
        }
        return cache;
    }

    private ScheduleResult schedule(SchedulerCache cache, PodInfo pod) {
        return cache.read(snapshot -> framework.schedule(pod, snapshot));
    }

    private String message(SchedulerCache cache, PodInfo pod) {
        ScheduleResult result = schedule(cache, pod);
        assertThat(result).isInstanceOf(FitError.class);
        return ((FitError) result).message();
    }

    private String nodeFor(SchedulerCache cache, PodInfo pod) {
        ScheduleResult result = schedule(cache, pod);
        assertThat(result).isInstanceOf(ScheduleResult.Placement.class);
        return ((ScheduleResult.Placement) result).nodeName();
    }

    /** Places the pod and assumes it there, as the scheduler loop does. */
    private String place(SchedulerCache cache, PodInfo pod) {
        String node = nodeFor(cache, pod);
        cache.assume(pod, node);
        return node;
    }

    @Test
    void fitErrorCountsEachReasonPerNodeSortedAsKubernetesSortsThem() {
        SchedulerCache cache = cacheOf(
                node("n1").allocatable("1", "8Gi", 110).build(),
                node("n2").allocatable("1", "8Gi", 110).build(),
                node("n3").allocatable("8", "8Gi", 110).taint("dedicated", "db", Taint.NO_SCHEDULE).build());
        assertThat(message(cache, pod("p").requests("2", "1Gi").info()))
                .isEqualTo("0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: db}, 2 Insufficient cpu.");
    }

    @Test
    void everyShortageOfANodeIsCounted() {
        SchedulerCache cache = cacheOf(node("n1").allocatable("1", "1Gi", 110).build(),
                node("n2").allocatable("1", "1Gi", 110).build());
        assertThat(message(cache, pod("p").requests("2", "2Gi").info()))
                .isEqualTo("0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory.");
    }

    @Test
    void countsAreSortedAsTextNotAsNumbers() {
        List<Node> nodes = new ArrayList<>();
        IntStream.range(0, 10).forEach(i -> nodes.add(node("cordoned-" + i).unschedulable().build()));
        nodes.add(node("small-1").allocatable("1", "8Gi", 110).build());
        nodes.add(node("small-2").allocatable("1", "8Gi", 110).build());
        SchedulerCache cache = cacheOf(nodes.toArray(Node[]::new));
        assertThat(message(cache, pod("p").requests("2", null).info()))
                .isEqualTo("0/12 nodes are available: 10 node(s) were unschedulable, 2 Insufficient cpu.");
    }

    @Test
    void aNodeIsRejectedByTheFirstFilterThatFails() {
        SchedulerCache cache = cacheOf(node("n1").unschedulable().allocatable("1", "1Gi", 110).build());
        assertThat(message(cache, pod("p").requests("2", "2Gi").info()))
                .isEqualTo("0/1 nodes are available: 1 node(s) were unschedulable.");
    }

    @Test
    void withoutNodesTheMessageSaysSo() {
        assertThat(message(new SchedulerCache(), pod("p").info())).isEqualTo("no nodes available to schedule pods");
    }

    @Test
    void theLeastLoadedNodeWins() {
        SchedulerCache cache = cacheOf(node("a").build(), node("b").build(), node("c").build());
        cache.putBoundPod(pod("x").requests("2", "4Gi").node("a").info());
        cache.putBoundPod(pod("y").requests("1", "2Gi").node("c").info());
        assertThat(nodeFor(cache, pod("p").requests("500m", "1Gi").info())).isEqualTo("b");
    }

    @Test
    void preferredAffinityOutweighsALittleLoad() {
        SchedulerCache cache = cacheOf(node("a").build(), node("b").label("disk", "ssd").build());
        cache.putBoundPod(pod("x").requests("500m", "1Gi").node("b").info());
        PodInfo pod = pod("p").preferred(100, NodeSelectorRequirement.of("disk", "In", "ssd")).info();
        assertThat(nodeFor(cache, pod)).isEqualTo("b");
    }

    @Test
    void aConfirmedBindingKeepsCountingAndCanNoLongerBeForgotten() {
        SchedulerCache cache = cacheOf(node("a").allocatable("1", "8Gi", 110).build());
        PodInfo pod = pod("p1").requests("1", null).info();
        place(cache, pod);
        assertThat(cache.confirmAssumed(pod.key(), "elsewhere")).isFalse();
        assertThat(cache.isAssumed(pod.key())).isTrue();

        assertThat(cache.confirmAssumed(pod.key(), "a")).isTrue();
        assertThat(cache.isAssumed(pod.key())).isFalse();
        assertThat(cache.nodeOf(pod.key())).contains("a");
        cache.forget(pod.key());
        assertThat(message(cache, pod("p2").requests("1", null).info()))
                .isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(cache.confirmAssumed(pod.key(), "a")).isFalse();
    }

    @Test
    void assumedPodsCountForTheNextDecision() {
        SchedulerCache cache = cacheOf(node("a").allocatable("1", "8Gi", 110).build(),
                node("b").allocatable("1", "8Gi", 110).build());
        String first = place(cache, pod("p1").requests("1", null).info());
        String second = place(cache, pod("p2").requests("1", null).info());
        assertThat(Set.of(first, second)).containsExactlyInAnyOrder("a", "b");
        assertThat(message(cache, pod("p3").requests("1", null).info()))
                .isEqualTo("0/2 nodes are available: 2 Insufficient cpu.");
        cache.forget(pod("p1").info().key());
        assertThat(nodeFor(cache, pod("p3").requests("1", null).info())).isEqualTo(first);
    }

    @Test
    void podsOfOneOwnerSpreadOverTheNodes() {
        SchedulerCache cache = cacheOf(node("a").build(), node("b").build(), node("c").build());
        Set<String> used = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            used.add(place(cache, pod("web-" + i).owner("rs-web").info()));
        }
        assertThat(used).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void theSameStateGivesTheSamePlacementWhateverTheOrderNodesArrivedIn() {
        List<Node> nodes = IntStream.range(0, 8).mapToObj(i -> node("n" + i).build()).toList();
        SchedulerCache forward = cacheOf(nodes.toArray(Node[]::new));
        SchedulerCache backward = cacheOf(nodes.reversed().toArray(Node[]::new));
        for (int i = 0; i < 20; i++) {
            PodInfo pod = pod("p" + i).requests("100m", "100Mi").info();
            assertThat(place(forward, pod)).isEqualTo(place(backward, pod));
        }
    }

    @Test
    void tiesAreBrokenByPodSoEqualPodsDoNotAllPickTheSameNode() {
        SchedulerCache cache = cacheOf(IntStream.range(0, 8).mapToObj(i -> node("n" + i).build()).toArray(Node[]::new));
        Set<String> picked = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            picked.add(nodeFor(cache, pod("p" + i).info()));
        }
        assertThat(picked).hasSizeGreaterThan(1);
    }

    @Test
    void aPodWithAClaimGoesWhereTheClaimsDataIsAndAnywhereBeforeThat() {
        String key = ClaimLabels.key("default", "data");
        SchedulerCache fresh = cacheOf(node("a").build(), node("b").build());
        assertThat(nodeFor(fresh, pod("p").claim("data").info())).isIn("a", "b");
        SchedulerCache held = cacheOf(node("a").build(), node("b").label(key, "true").build(), node("c").build());
        assertThat(nodeFor(held, pod("p").claim("data").info())).isEqualTo("b");
        assertThat(nodeFor(held, pod("q").info())).isIn("a", "b", "c");
        SchedulerCache full = cacheOf(node("a").build(), node("b").label(key, "true").unschedulable().build());
        assertThat(message(full, pod("p").claim("data").info())).isEqualTo(
                "0/2 nodes are available: 1 node(s) did not hold the pod's persistent volume claim, 1 node(s) were unschedulable.");
    }
}
