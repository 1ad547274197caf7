package dev.orc.reconciler.controller.nodelifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Taint;
import dev.orc.api.model.Timestamps;
import dev.orc.reconciler.controller.PodFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaintEvictionsTest {
    private static final Instant ADDED = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no toleration: the default                | unreachable | []                                                                                         | 3",
            "own tolerationSeconds wins                | unreachable | [{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":30}] | 30",
            "tolerating for ever stays                 | unreachable | [{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\"}] | -1",
            "tolerating every taint stays              | not-ready   | [{\"operator\":\"Exists\"}]                                                                  | -1",
            "another taint's toleration is no help     | not-ready   | [{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\"}] | 3",
            "an untolerated user taint evicts at once  | dedicated   | []                                                                                         | 0"})
    void podLeavesAfterItsTolerationForTheTaint(String description, String taintKey, String tolerations, long seconds) {
        ObjectNode tree = PodFixture.pod("web").node("n1").build();
        tree.withObjectProperty("spec").set("tolerations", Json.parse(tolerations));
        Pod pod = Json.convert(tree, Pod.class);
        String key = taintKey.equals("dedicated") ? "dedicated" : "node.kubernetes.io/" + taintKey;
        Taint taint = new Taint(key, null, Taint.NO_EXECUTE, Timestamps.format(ADDED));

        var evictAt = TaintEvictions.evictAt(pod, List.of(taint), Duration.ofSeconds(3));

        if (seconds < 0) {
            assertThat(evictAt).isEmpty();
        } else {
            assertThat(evictAt).contains(ADDED.plusSeconds(seconds));
        }
    }
}
