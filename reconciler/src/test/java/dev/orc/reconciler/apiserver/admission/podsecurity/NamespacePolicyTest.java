package dev.orc.reconciler.apiserver.admission.podsecurity;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NamespacePolicyTest {

    private static NamespacePolicy of(String namespace, String labels) {
        return NamespacePolicy.of(namespace, Json.parse(labels));
    }

    @Test
    void withoutLabelsBaselineIsEnforcedAndNothingWarnedOrAudited() {
        assertThat(NamespacePolicy.of("shop", MissingNode.getInstance())).isEqualTo(new NamespacePolicy(
                new Policy(Level.BASELINE, "latest"), Optional.empty(), Optional.empty()));
        assertThat(of("kube-system", "{}").enforce()).isEqualTo(new Policy(Level.PRIVILEGED, "latest"));
    }

    @Test
    void eachModeTakesItsLevelAndVersion() {
        NamespacePolicy policy = of("shop", """
                {"pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/enforce-version": "v1.29",
                 "pod-security.kubernetes.io/warn": "restricted",
                 "pod-security.kubernetes.io/audit": "restricted", "pod-security.kubernetes.io/audit-version": "latest"}""");

        assertThat(policy).isEqualTo(new NamespacePolicy(new Policy(Level.BASELINE, "v1.29"),
                Optional.of(new Policy(Level.RESTRICTED, "latest")), Optional.of(new Policy(Level.RESTRICTED, "latest"))));
        assertThat(policy.enforce()).hasToString("baseline:v1.29");
    }

    @Test
    void anUnreadableLevelOrVersionIsTheMostRestrictive() {
        NamespacePolicy policy = of("kube-system", """
                {"pod-security.kubernetes.io/enforce": "privileged", "pod-security.kubernetes.io/enforce-version": "1.29",
                 "pod-security.kubernetes.io/warn": "strict"}""");

        assertThat(policy.enforce()).isEqualTo(new Policy(Level.RESTRICTED, "latest"));
        assertThat(policy.warn()).contains(new Policy(Level.RESTRICTED, "latest"));
    }
}
