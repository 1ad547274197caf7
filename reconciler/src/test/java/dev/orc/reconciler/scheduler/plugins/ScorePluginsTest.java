package dev.orc.reconciler.scheduler.plugins;

import dev.orc.api.model.Node;
import dev.orc.api.model.NodeSelectorRequirement;
import dev.orc.api.model.Pod;
import dev.orc.reconciler.scheduler.Fixtures.PodFixture;
import dev.orc.reconciler.scheduler.framework.NodeInfo;
import dev.orc.reconciler.scheduler.framework.PodInfo;
import dev.orc.reconciler.scheduler.framework.ScorePlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.orc.reconciler.scheduler.Fixtures.node;
import static dev.orc.reconciler.scheduler.Fixtures.nodeInfo;
import static dev.orc.reconciler.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Score plugins: raw scores per node, then normalized over all the feasible nodes at once. */
class ScorePluginsTest {
    private static final Node FOUR_BY_EIGHT = node("n").allocatable("4", "8Gi", 110).build();

    /** Normalized scores of {@code plugin} for {@code pod} over {@code nodes}, in their order. */
    private static long[] scores(ScorePlugin plugin, PodInfo pod, List<NodeInfo> nodes) {
        long[] scores = new long[nodes.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = plugin.score(pod, nodes.get(i), null);
        }
        plugin.normalize(pod, scores);
        return scores;
    }

    static Stream<Arguments> leastAllocated() {
        return Stream.of(
                arguments("a quarter of an empty node", pod("p").requests("1", "2Gi"), List.of(), 75L),
                arguments("bound pods are counted", pod("p").requests("1", "2Gi"), List.of(pod("a").requests("2", "4Gi").build()), 25L),
                arguments("nothing requested counts as 100m and 200Mi", pod("p"), List.of(), 97L),
                arguments("cpu and memory averaged", pod("p").requests("4", "0"), List.of(), 50L),
                arguments("over-committed scores 0", pod("p").requests("5", "9Gi"), List.of(), 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leastAllocated")
    void leastAllocatedPrefersRoomLeft(String name, PodFixture pod, List<Pod> bound, long expected) {
        NodeInfo node = nodeInfo(FOUR_BY_EIGHT, bound.toArray(Pod[]::new));
        assertThat(new LeastAllocated().score(pod.info(), node, null)).isEqualTo(expected);
    }

    static Stream<Arguments> balancedAllocation() {
        return Stream.of(
                arguments("equal shares", pod("p").requests("1", "2Gi"), 100L),
                arguments("half the cpu, an eighth of the memory", pod("p").requests("2", "1Gi"), 81L),
                arguments("all the cpu and no memory", pod("p").requests("4", "0"), 50L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("balancedAllocation")
    void balancedAllocationPrefersEqualShares(String name, PodFixture pod, long expected) {
        assertThat(new BalancedAllocation().score(pod.info(), nodeInfo(FOUR_BY_EIGHT), null)).isEqualTo(expected);
    }

    @Test
    void ownerSpreadPrefersNodesWithFewerPodsOfTheSameController() {
        List<NodeInfo> nodes = List.of(
                nodeInfo(node("a").build()),
                nodeInfo(node("b").build(), pod("rs1-x").owner("rs1").build()),
                nodeInfo(node("c").build(), pod("rs1-y").owner("rs1").build(), pod("rs1-z").owner("rs1").build(),
                        pod("other").owner("rs2").build()));
        assertThat(scores(new OwnerSpread(), pod("rs1-new").owner("rs1").info(), nodes)).containsExactly(100, 50, 0);
        assertThat(scores(new OwnerSpread(), pod("rs2-new").owner("rs2").info(), nodes)).containsExactly(100, 100, 0);
    }

    @Test
    void ownerSpreadIsIndifferentForPodsWithoutController() {
        List<NodeInfo> nodes = List.of(nodeInfo(node("a").build()),
                nodeInfo(node("b").build(), pod("rs1-x").owner("rs1").build()));
        assertThat(scores(new OwnerSpread(), pod("bare").info(), nodes)).containsExactly(100, 100);
    }

    @Test
    void preferredAffinitySumsTheWeightsOfMatchingTermsRelativeToTheBest() {
        PodInfo pod = pod("p")
                .preferred(60, NodeSelectorRequirement.of("zone", "In", "a"))
                .preferred(20, NodeSelectorRequirement.of("disk", "Exists")).info();
        List<NodeInfo> nodes = List.of(
                nodeInfo(node("both").label("zone", "a").label("disk", "ssd").build()),
                nodeInfo(node("zone").label("zone", "a").build()),
                nodeInfo(node("disk").label("disk", "hdd").build()),
                nodeInfo(node("none").label("zone", "b").build()));
        assertThat(scores(new PreferredNodeAffinity(), pod, nodes)).containsExactly(100, 75, 25, 0);
    }

    @Test
    void preferredAffinityScoresZeroWhenNoTermMatchesAnywhere() {
        PodInfo pod = pod("p").preferred(50, NodeSelectorRequirement.of("zone", "In", "z")).info();
        List<NodeInfo> nodes = List.of(nodeInfo(node("a").build()), nodeInfo(node("b").build()));
        assertThat(scores(new PreferredNodeAffinity(), pod, nodes)).containsExactly(0, 0);
    }
}
