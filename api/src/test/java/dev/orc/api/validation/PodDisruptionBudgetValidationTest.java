package dev.orc.api.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A PodDisruptionBudget is refused as kube-apiserver refuses it: both bounds set, a bad or oversized percentage. */
class PodDisruptionBudgetValidationTest {
    private static final String PDB = """
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: web
            spec:
              minAvailable: 2
              selector:
                matchLabels: {app: web}
            """;

    private final ManifestValidator validator = ManifestValidator.standard();

    private List<Problem> validate(Manifests.Editable document) {
        return validator.validate(document.node());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0%", "50%", "100%"})
    void acceptsPercentagesUpToAHundred(String percent) {
        assertThat(validate(Manifests.one(PDB).set("/spec/minAvailable", percent))).isEmpty();
    }

    @Test
    void acceptsMaxUnavailableAndThePolicies() {
        assertThat(validate(Manifests.one(PDB).remove("/spec/minAvailable").set("/spec/maxUnavailable", 1)
                .set("/spec/unhealthyPodEvictionPolicy", "AlwaysAllow"))).isEmpty();
    }

    @Test
    void refusesBothBoundsAsKubeApiserverDoes() {
        assertThat(validate(Manifests.one(PDB).set("/spec/maxUnavailable", "25%")))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.path()).isEqualTo("spec");
                    assertThat(problem.message()).isEqualTo("minAvailable and maxUnavailable cannot be both set");
                });
    }

    @Test
    void refusesAPercentageAboveAHundred() {
        assertThat(validate(Manifests.one(PDB).set("/spec/minAvailable", "150%")))
                .extracting(Problem::path, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("spec.minAvailable", "must not be greater than 100%"));
    }

    @Test
    void refusesAStringThatIsNoPercentage() {
        assertThat(validate(Manifests.one(PDB).set("/spec/minAvailable", "half")))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.path()).isEqualTo("spec.minAvailable");
                    assertThat(problem.message()).contains("a valid percent string must be a numeric string");
                });
    }

    @Test
    void refusesANegativeCount() {
        assertThat(validate(Manifests.one(PDB).set("/spec/maxUnavailable", -1).remove("/spec/minAvailable")))
                .extracting(Problem::path).containsExactly("spec.maxUnavailable");
    }

    @Test
    void refusesAnUnknownPolicy() {
        assertThat(validate(Manifests.one(PDB).set("/spec/unhealthyPodEvictionPolicy", "Never")))
                .extracting(Problem::path).containsExactly("spec.unhealthyPodEvictionPolicy");
    }
}
