package dev.orc.reconciler.apiserver.admission.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.manifest.LoadResult;
import dev.orc.api.manifest.Manifest;
import dev.orc.api.manifest.ManifestLoader;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** orc's own examples ask for no more than the restricted level allows (issue #17: they pass restricted). */
class ExamplesPassRestrictedTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void everyPodTemplateOfTheExamplesPassesRestricted() {
        LoadResult loaded = ManifestLoader.loadPath(EXAMPLES, false);
        assertThat(loaded.hasErrors()).as("%s", loaded.diagnostics()).isFalse();
        List<Manifest> workloads = loaded.manifests().stream()
                .filter(m -> ResourceTypes.byKind(m.kind()).filter(PodSecurityAdmission::hasPodTemplate).isPresent())
                .toList();
        assertThat(workloads).extracting(Manifest::kind)
                .containsExactlyInAnyOrder("Deployment", "Job", "CronJob", "StatefulSet");

        for (Manifest workload : workloads) {
            JsonNode spec = PodSecurityAdmission.templateSpec(ResourceTypes.byKind(workload.kind()).orElseThrow(),
                    workload.object());
            assertThat(PodSecurityStandards.check(Level.RESTRICTED, spec)).as(workload.source()).isEmpty();
        }
    }
}
