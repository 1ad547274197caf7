package dev.orc.node.pod;

import dev.orc.api.model.Quantity;
import dev.orc.api.model.ResourceRequirements;
import dev.orc.node.runtime.Resources;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerSpecsTest {

    @Test
    void limitsBecomeACpuQuotaAMemoryLimitAndEveryContainerGetsAPidsLimit() {
        ResourceRequirements limited = new ResourceRequirements(Map.of(ResourceRequirements.CPU, Quantity.parse("250m"),
                ResourceRequirements.MEMORY, Quantity.parse("64Mi")), Map.of(ResourceRequirements.CPU, Quantity.parse("100m")));

        assertThat(ContainerSpecs.resources(limited)).isEqualTo(new Resources(64L << 20, 250_000_000L, ContainerSpecs.PIDS_LIMIT));
        assertThat(ContainerSpecs.resources(new ResourceRequirements(null, null)))
                .isEqualTo(new Resources(0, 0, ContainerSpecs.PIDS_LIMIT));
    }
}
