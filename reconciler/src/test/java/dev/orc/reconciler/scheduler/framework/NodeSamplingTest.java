package dev.orc.reconciler.scheduler.framework;

import dev.orc.reconciler.scheduler.plugins.DefaultPlugins;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static dev.orc.reconciler.scheduler.Fixtures.node;
import static dev.orc.reconciler.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

/** Large clusters are sampled as kube-scheduler's adaptive percentageOfNodesToScore does, small ones never. */
class NodeSamplingTest {
    private final Framework sampling = DefaultPlugins.framework();

    private static SchedulerCache cluster(int nodes) {
        SchedulerCache cache = new SchedulerCache();
        IntStream.range(0, nodes).forEach(i -> cache.putNode(node(String.format("n%04d", i))
                .allocatable("4", "8Gi", 110).build()));
        return cache;
    }

    private static ScheduleResult schedule(Framework framework, SchedulerCache cache, PodInfo pod) {
        return cache.read(snapshot -> framework.schedule(pod, snapshot));
    }

    @Test
    void theShareOfNodesLookedForFollowsKubernetesAdaptiveDefault() {
        assertThat(Framework.feasibleNodesToFind(0)).isZero();
        assertThat(Framework.feasibleNodesToFind(99)).isEqualTo(99);
        assertThat(Framework.feasibleNodesToFind(100)).isEqualTo(100);
        assertThat(Framework.feasibleNodesToFind(300)).isEqualTo(144);
        assertThat(Framework.feasibleNodesToFind(1000)).isEqualTo(420);
        assertThat(Framework.feasibleNodesToFind(5000)).isEqualTo(500);
        assertThat(Framework.feasibleNodesToFind(20000)).isEqualTo(1000);
    }

    @Test
    void aSmallClusterIsAlwaysScoredWhole() {
        SchedulerCache cache = cluster(99);
        ScheduleResult result = schedule(sampling, cache, pod("p").requests("1", "1Gi").info());
        assertThat(((ScheduleResult.Placement) result).feasibleNodes()).isEqualTo(99);
    }

    @Test
    void aLargeClusterIsScoredOverASampleThatDiffersBetweenPodsAndNotBetweenRuns() {
        SchedulerCache cache = cluster(300);
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            PodInfo pod = pod("p" + i).requests("1", "1Gi").info();
            ScheduleResult first = schedule(sampling, cache, pod);
            assertThat(((ScheduleResult.Placement) first).feasibleNodes()).isEqualTo(144);
            assertThat(schedule(sampling, cache, pod)).isEqualTo(first);
            chosen.add(((ScheduleResult.Placement) first).nodeName());
        }
        assertThat(chosen).hasSizeGreaterThan(25);
    }

    @Test
    void withoutSamplingEveryNodeIsScored() {
        Framework whole = DefaultPlugins.framework(false);
        ScheduleResult result = schedule(whole, cluster(300), pod("p").requests("1", "1Gi").info());
        assertThat(((ScheduleResult.Placement) result).feasibleNodes()).isEqualTo(300);
    }

    @Test
    void aPodThatFitsNowhereIsCheckedAgainstEveryNode() {
        SchedulerCache cache = cluster(300);
        ScheduleResult result = schedule(sampling, cache, pod("big").requests("64", "1Gi").info());
        assertThat(((FitError) result).message()).isEqualTo("0/300 nodes are available: 300 Insufficient cpu.");
    }

    @Test
    void feasibleNodesAreFoundPastTheOnesThatFail() {
        SchedulerCache cache = new SchedulerCache();
        IntStream.range(0, 290).forEach(i -> cache.putNode(node(String.format("busy%04d", i)).unschedulable().build()));
        IntStream.range(0, 10).forEach(i -> cache.putNode(node(String.format("free%04d", i))
                .allocatable("4", "8Gi", 110).build()));
        ScheduleResult result = schedule(sampling, cache, pod("p").requests("1", "1Gi").info());
        assertThat(((ScheduleResult.Placement) result).feasibleNodes()).isEqualTo(10);
        assertThat(((ScheduleResult.Placement) result).nodeName()).startsWith("free");
    }
}
