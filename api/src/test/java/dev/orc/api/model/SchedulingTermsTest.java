package dev.orc.api.model;

import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulingTermsTest {
    private static final Map<String, String> NODE = Map.of("zone", "a", "cores", "8", "disk", "ssd", "arch", "amd64");

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "zone, In, a b, true",
            "zone, In, b c, false",
            "gpu, In, yes, false",
            "zone, NotIn, b c, true",
            "zone, NotIn, a, false",
            "gpu, NotIn, yes, true",
            "disk, Exists, -, true",
            "gpu, Exists, -, false",
            "gpu, DoesNotExist, -, true",
            "disk, DoesNotExist, -, false",
            "cores, Gt, 4, true",
            "cores, Gt, 8, false",
            "cores, Lt, 16, true",
            "cores, Lt, 8, false",
            "cores, Gt, four, false",
            "zone, Gt, 1, false",
            "gpu, Lt, 1, false",
            "cores, Gt, 1 2, false",
            "zone, Near, a, false",
    })
    void nodeSelectorRequirementsMatchNodeLabels(String key, String operator, String values, boolean matches) {
        List<String> list = values == null ? List.of() : Arrays.asList(values.split(" "));

        assertThat(new NodeSelectorRequirement(key, operator, list).matches(NODE)).isEqualTo(matches);
    }

    @Test
    void termsAreOredAndTheirConditionsAnded() {
        NodeSelector selector = NodeSelector.of(
                NodeSelectorTerm.of(NodeSelectorRequirement.of("zone", "In", "b"), NodeSelectorRequirement.of("disk", "Exists")),
                NodeSelectorTerm.of(NodeSelectorRequirement.of("zone", "In", "a"), NodeSelectorRequirement.of("cores", "Gt", "4")));

        assertThat(selector.matches(NODE, "n1")).isTrue();
        assertThat(selector.matches(Map.of("zone", "b"), "n1")).isFalse();
    }

    @Test
    void anEmptyTermMatchesNoNodeAndFieldsMatchTheNodeName() {
        assertThat(new NodeSelectorTerm(null, null).matches(NODE, "n1")).isFalse();
        assertThat(NodeSelector.of().matches(NODE, "n1")).isFalse();

        NodeSelectorTerm byName = new NodeSelectorTerm(null, List.of(NodeSelectorRequirement.of("metadata.name", "In", "n1")));
        assertThat(byName.matches(Map.of(), "n1")).isTrue();
        assertThat(byName.matches(Map.of(), "n2")).isFalse();
    }

    @Test
    void requiredAffinityReadsFromThePodSpecWithItsKubernetesName() {
        PodSpec spec = Json.convert(Json.parse("""
                {"affinity": {"nodeAffinity": {
                   "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a"]}]}]},
                   "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 10, "preference": {"matchExpressions": [{"key": "disk", "operator": "In", "values": ["ssd"]}]}}]}}}
                """), PodSpec.class);
        Node node = Node.of(ObjectMeta.named("n1").withLabels(NODE), null, null);

        assertThat(spec.requiredNodeAffinity()).hasValueSatisfying(required -> assertThat(required.matches(node)).isTrue());
        assertThat(spec.preferredNodeAffinity()).singleElement()
                .satisfies(term -> assertThat(term.preference().matches(NODE, "n1")).isTrue());
        assertThat(PodSpec.of().requiredNodeAffinity()).isEmpty();
    }

    @ParameterizedTest(name = "toleration {0} {1} {2} {3} vs taint {4}={5}:{6} -> {7}")
    @CsvSource(nullValues = "-", value = {
            "dedicated, Equal, db, NoSchedule, dedicated, db, NoSchedule, true",
            "dedicated, Equal, web, NoSchedule, dedicated, db, NoSchedule, false",
            "dedicated, -, db, NoSchedule, dedicated, db, NoSchedule, true",
            "dedicated, Equal, db, -, dedicated, db, NoExecute, true",
            "dedicated, Equal, db, NoExecute, dedicated, db, NoSchedule, false",
            "dedicated, Exists, -, NoSchedule, dedicated, db, NoSchedule, true",
            "dedicated, Exists, -, -, dedicated, -, PreferNoSchedule, true",
            "other, Exists, -, -, dedicated, db, NoSchedule, false",
            "-, Exists, -, -, dedicated, db, NoExecute, true",
            "-, Exists, -, NoSchedule, dedicated, db, NoExecute, false",
            "flag, Equal, -, NoSchedule, flag, -, NoSchedule, true",
            "flag, Equal, '', NoSchedule, flag, -, NoSchedule, true",
            "flag, Bogus, x, NoSchedule, flag, x, NoSchedule, false",
    })
    void tolerationsFollowKubernetesRules(String key, String operator, String value, String effect,
                                          String taintKey, String taintValue, String taintEffect, boolean tolerated) {
        Toleration toleration = new Toleration(key, operator, value, effect, null);

        assertThat(toleration.tolerates(Taint.of(taintKey, taintValue, taintEffect))).isEqualTo(tolerated);
    }

    @Test
    void taintsDescribeThemselvesAsTheSchedulerReportsThem() {
        assertThat(Taint.of("dedicated", "db", Taint.NO_SCHEDULE).describe()).isEqualTo("{dedicated: db}");
    }
}
