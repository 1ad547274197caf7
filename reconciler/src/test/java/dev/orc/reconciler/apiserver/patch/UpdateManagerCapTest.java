package dev.orc.reconciler.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UpdateManagerCapTest {
    private final ManualClock clock = new ManualClock();

    /** A ConfigMap written by manager m1, then m2, ... each setting data.k{i}, a minute apart, after one apply. */
    private ObjectNode writtenBy(int managers) {
        ObjectNode object = (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"ns"},"data":{"a":"1"}}""");
        object = new ServerSideApply(ResourceTypes.CONFIG_MAP, "gitops", false, clock.instant()).apply(null, object);
        for (int i = 1; i <= managers; i++) {
            clock.advance(Duration.ofMinutes(1));
            ObjectNode updated = object.deepCopy();
            updated.withObjectProperty("data").put("k" + i, "v");
            object = new UpdateOwnership(ResourceTypes.CONFIG_MAP, "m" + i, null, clock).record(object, updated);
        }
        return object;
    }

    private static List<String> managers(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.at("/metadata/managedFields").forEach(e -> names.add(e.path("manager").asText() + "/" + e.path("operation").asText()));
        return names;
    }

    private static JsonNode entry(ObjectNode object, String manager) {
        for (JsonNode entry : object.at("/metadata/managedFields")) {
            if (entry.path("manager").asText().equals(manager)) {
                return entry;
            }
        }
        throw new AssertionError("no entry of " + manager);
    }

    @Test
    void tenUpdateManagersAreKeptAsTheyAre() {
        ObjectNode object = writtenBy(10);

        assertThat(managers(object)).containsExactly("gitops/Apply", "m1/Update", "m2/Update", "m3/Update", "m4/Update",
                "m5/Update", "m6/Update", "m7/Update", "m8/Update", "m9/Update", "m10/Update");
    }

    @Test
    void theOldestUpdateManagersPastTenAreFoldedIntoAncientChangesWithTheirFieldsAndNewestTime() {
        Instant start = clock.instant();
        ObjectNode object = writtenBy(12);

        assertThat(managers(object)).containsExactly("gitops/Apply", "ancient-changes/Update", "m4/Update", "m5/Update",
                "m6/Update", "m7/Update", "m8/Update", "m9/Update", "m10/Update", "m11/Update", "m12/Update");
        JsonNode ancient = entry(object, "ancient-changes");
        assertThat(ancient.at("/fieldsV1/f:data").fieldNames()).toIterable().containsExactlyInAnyOrder("f:k1", "f:k2", "f:k3");
        assertThat(ancient.path("time").asText())
                .isEqualTo(start.plus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.SECONDS).toString());
        assertThat(entry(object, "gitops").at("/fieldsV1/f:data").has("f:a")).isTrue();
    }

    @Test
    void laterWritesKeepFoldingIntoTheSameEntry() {
        ObjectNode object = writtenBy(15);

        assertThat(managers(object)).hasSize(11).contains("ancient-changes/Update").doesNotContain("m6/Update")
                .contains("m7/Update", "m15/Update");
        assertThat(entry(object, "ancient-changes").at("/fieldsV1/f:data").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("f:k1", "f:k2", "f:k3", "f:k4", "f:k5", "f:k6");
    }
}
