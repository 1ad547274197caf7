package dev.orc.reconciler.scheduler.plugins;

import dev.orc.api.model.Condition;
import dev.orc.api.model.Node;
import dev.orc.api.model.NodeSelectorRequirement;
import dev.orc.api.model.NodeSelectorTerm;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Taint;
import dev.orc.api.model.Toleration;
import dev.orc.reconciler.scheduler.Fixtures.PodFixture;
import dev.orc.reconciler.scheduler.framework.FilterPlugin;
import dev.orc.reconciler.scheduler.framework.NodeInfo;
import dev.orc.reconciler.scheduler.framework.PodInfo;
import dev.orc.reconciler.scheduler.framework.Status;
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

/** Each filter plugin over a table of pod, node (with the pods already on it) and the reasons expected (none: fits). */
class FilterPluginsTest {
    private static final String TAINT_DB = "node(s) had untolerated taint {dedicated: db}";

    private static Arguments row(String name, FilterPlugin plugin, PodFixture pod, Node node, List<Pod> onNode, String... reasons) {
        return arguments(name, plugin, pod.info(), nodeInfo(node, onNode.toArray(Pod[]::new)), List.of(reasons));
    }

    private static Arguments row(String name, FilterPlugin plugin, PodFixture pod, Node node, String... reasons) {
        return row(name, plugin, pod, node, List.of(), reasons);
    }

    static Stream<Arguments> nodeCondition() {
        NodeUnschedulable cordon = new NodeUnschedulable();
        NodeReady ready = new NodeReady();
        return Stream.of(
                row("schedulable node", cordon, pod("p"), node("n").build()),
                row("cordoned node", cordon, pod("p"), node("n").unschedulable().build(), NodeUnschedulable.REASON),
                row("cordoned node, pod tolerates unschedulable", cordon,
                        pod("p").tolerate(Toleration.exists("node.kubernetes.io/unschedulable", Taint.NO_SCHEDULE)),
                        node("n").unschedulable().build()),
                row("ready node", ready, pod("p"), node("n").build()),
                row("Ready=False", ready, pod("p"), node("n").ready(Condition.FALSE).build(), NodeReady.REASON),
                row("Ready=Unknown", ready, pod("p"), node("n").ready(Condition.UNKNOWN).build(), NodeReady.REASON),
                row("no Ready condition", ready, pod("p"), node("n").ready(null).build(), NodeReady.REASON),
                row("not ready, pod tolerates not-ready NoExecute", ready,
                        pod("p").tolerate(Toleration.exists("node.kubernetes.io/not-ready", Taint.NO_EXECUTE)),
                        node("n").ready(Condition.FALSE).build()));
    }

    static Stream<Arguments> resourcesFit() {
        NodeResourcesFit fit = new NodeResourcesFit();
        Node small = node("n").allocatable("2", "4Gi", 3).build();
        return Stream.of(
                row("fits an empty node", fit, pod("p").requests("2", "4Gi"), small),
                row("cpu beyond allocatable", fit, pod("p").requests("2100m", "1Gi"), small, NodeResourcesFit.INSUFFICIENT_CPU),
                row("memory beyond allocatable", fit, pod("p").requests("1", "5Gi"), small, NodeResourcesFit.INSUFFICIENT_MEMORY),
                row("both short, both named", fit, pod("p").requests("3", "5Gi"), small,
                        NodeResourcesFit.INSUFFICIENT_CPU, NodeResourcesFit.INSUFFICIENT_MEMORY),
                row("what bound pods request is taken", fit, pod("p").requests("1", "1Gi"), small,
                        List.of(pod("a").requests("1500m", "1Gi").build()), NodeResourcesFit.INSUFFICIENT_CPU),
                row("exactly the rest fits", fit, pod("p").requests("500m", "3Gi"), small,
                        List.of(pod("a").requests("1500m", "1Gi").build())),
                row("containers are summed", fit, pod("p").requests("1", null).requests("1100m", null), small,
                        NodeResourcesFit.INSUFFICIENT_CPU),
                row("the largest init container counts when larger than the sum", fit,
                        pod("p").requests("100m", null).initRequests("3", null), small, NodeResourcesFit.INSUFFICIENT_CPU),
                row("a pod requesting nothing fits a full node", fit, pod("p"), small,
                        List.of(pod("a").requests("2", "4Gi").build())),
                row("pod count at the limit", fit, pod("p"), small,
                        List.of(pod("a").build(), pod("b").build(), pod("c").build()), NodeResourcesFit.TOO_MANY_PODS),
                row("pod count and cpu", fit, pod("p").requests("1", null), small,
                        List.of(pod("a").requests("2", null).build(), pod("b").build(), pod("c").build()),
                        NodeResourcesFit.TOO_MANY_PODS, NodeResourcesFit.INSUFFICIENT_CPU));
    }

    static Stream<Arguments> taints() {
        TaintToleration taints = new TaintToleration();
        Node db = node("n").taint("dedicated", "db", Taint.NO_SCHEDULE).build();
        Node dbExecute = node("n").taint("dedicated", "db", Taint.NO_EXECUTE).build();
        return Stream.of(
                row("untainted node", taints, pod("p"), node("n").build()),
                row("NoSchedule taint not tolerated", taints, pod("p"), db, TAINT_DB),
                row("NoExecute taint not tolerated", taints, pod("p"), dbExecute, TAINT_DB),
                row("PreferNoSchedule never rejects", taints, pod("p"),
                        node("n").taint("dedicated", "db", Taint.PREFER_NO_SCHEDULE).build()),
                row("Equal with the same value", taints,
                        pod("p").tolerate(Toleration.equal("dedicated", "db", Taint.NO_SCHEDULE)), db),
                row("Equal with another value", taints,
                        pod("p").tolerate(Toleration.equal("dedicated", "web", Taint.NO_SCHEDULE)), db, TAINT_DB),
                row("Exists ignores the value", taints,
                        pod("p").tolerate(Toleration.exists("dedicated", Taint.NO_SCHEDULE)), db),
                row("Exists with another key", taints,
                        pod("p").tolerate(Toleration.exists("gpu", Taint.NO_SCHEDULE)), db, TAINT_DB),
                row("empty key with Exists tolerates everything", taints,
                        pod("p").tolerate(new Toleration(null, Toleration.EXISTS, null, null, null)), dbExecute),
                row("empty effect matches every effect", taints,
                        pod("p").tolerate(Toleration.equal("dedicated", "db", null)), dbExecute),
                row("tolerating NoSchedule does not tolerate NoExecute", taints,
                        pod("p").tolerate(Toleration.equal("dedicated", "db", Taint.NO_SCHEDULE)), dbExecute, TAINT_DB),
                row("the first untolerated taint is named", taints,
                        pod("p").tolerate(Toleration.exists("dedicated", null)),
                        node("n").taint("dedicated", "db", Taint.NO_SCHEDULE).taint("gpu", null, Taint.NO_SCHEDULE).build(),
                        "node(s) had untolerated taint {gpu: }"));
    }

    static Stream<Arguments> affinity() {
        NodeAffinity affinity = new NodeAffinity();
        Node ssd = node("n").label("disk", "ssd").label("zone", "a").label("cores", "16").build();
        return Stream.of(
                row("no selector, no affinity", affinity, pod("p"), ssd),
                row("nodeSelector matches", affinity, pod("p").nodeSelector("disk", "ssd").nodeSelector("zone", "a"), ssd),
                row("nodeSelector with another value", affinity, pod("p").nodeSelector("disk", "hdd"), ssd, NodeAffinity.REASON),
                row("nodeSelector on a missing label", affinity, pod("p").nodeSelector("gpu", "yes"), ssd, NodeAffinity.REASON),
                row("required In", affinity, pod("p").required(NodeSelectorTerm.of(
                        NodeSelectorRequirement.of("zone", "In", "a", "b"))), ssd),
                row("required NotIn", affinity, pod("p").required(NodeSelectorTerm.of(
                        NodeSelectorRequirement.of("zone", "NotIn", "a"))), ssd, NodeAffinity.REASON),
                row("required DoesNotExist", affinity, pod("p").required(NodeSelectorTerm.of(
                        NodeSelectorRequirement.of("gpu", "DoesNotExist"))), ssd),
                row("required Gt", affinity, pod("p").required(NodeSelectorTerm.of(
                        NodeSelectorRequirement.of("cores", "Gt", "32"))), ssd, NodeAffinity.REASON),
                row("terms are ORed", affinity, pod("p").required(
                        NodeSelectorTerm.of(NodeSelectorRequirement.of("zone", "In", "b")),
                        NodeSelectorTerm.of(NodeSelectorRequirement.of("disk", "Exists"))), ssd),
                row("expressions in a term are ANDed", affinity, pod("p").required(NodeSelectorTerm.of(
                        NodeSelectorRequirement.of("zone", "In", "a"),
                        NodeSelectorRequirement.of("disk", "In", "hdd"))), ssd, NodeAffinity.REASON),
                row("selector and affinity must both match", affinity, pod("p").nodeSelector("disk", "hdd")
                        .required(NodeSelectorTerm.of(NodeSelectorRequirement.of("zone", "In", "a"))), ssd, NodeAffinity.REASON),
                row("matchFields on the node name", affinity, pod("p").required(new NodeSelectorTerm(List.of(),
                        List.of(NodeSelectorRequirement.of("metadata.name", "In", "n")))), ssd));
    }

    static Stream<Arguments> hostPorts() {
        NodePorts ports = new NodePorts();
        Node n = node("n").build();
        return Stream.of(
                row("no host ports", ports, pod("p"), n, List.of(pod("a").hostPort(80).build())),
                row("free port", ports, pod("p").hostPort(8080), n, List.of(pod("a").hostPort(80).build())),
                row("same port taken", ports, pod("p").hostPort(80), n, List.of(pod("a").hostPort(80).build()), NodePorts.REASON),
                row("other protocol", ports, pod("p").hostPort(null, "UDP", 53), n,
                        List.of(pod("a").hostPort(null, "TCP", 53).build())),
                row("different specific addresses", ports, pod("p").hostPort("10.0.0.1", null, 80), n,
                        List.of(pod("a").hostPort("10.0.0.2", null, 80).build())),
                row("wildcard wanted, specific taken", ports, pod("p").hostPort(80), n,
                        List.of(pod("a").hostPort("10.0.0.2", null, 80).build()), NodePorts.REASON),
                row("specific wanted, wildcard taken", ports, pod("p").hostPort("10.0.0.1", null, 80), n,
                        List.of(pod("a").hostPort(80).build()), NodePorts.REASON));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"nodeCondition", "resourcesFit", "taints", "affinity", "hostPorts"})
    void filterGivesTheExpectedReasons(String name, FilterPlugin plugin, PodInfo pod, NodeInfo node, List<String> reasons) {
        Status status = plugin.filter(pod, node);
        assertThat(status.success()).as("fits").isEqualTo(reasons.isEmpty());
        assertThat(status.reasons()).containsExactlyElementsOf(reasons);
        if (!status.success()) {
            assertThat(status.plugin()).isEqualTo(plugin.name());
        }
    }
}
