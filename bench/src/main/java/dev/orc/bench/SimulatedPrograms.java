package dev.orc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.node.runtime.fake.FakeProgram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the containers of the idle benchmark's objects do on simulated nodes, by command line: those of Jobs and of
 * pods with restartPolicy Never or OnFailure exit 0, those of an object annotated {@value #EXIT_CODE} exit with that
 * code; any other container runs until stopped (the fake runtime's default).
 */
final class SimulatedPrograms {
    static final String EXIT_CODE = "bench.orc.dev/simulated-exit-code";

    private SimulatedPrograms() {
    }

    static Map<List<String>, FakeProgram> of(List<ObjectNode> objects) {
        Map<List<String>, FakeProgram> programs = new LinkedHashMap<>();
        for (ObjectNode object : objects) {
            String kind = object.path("kind").asText();
            JsonNode podSpec = kind.equals("Pod") ? object.path("spec") : object.path("spec").path("template").path("spec");
            JsonNode annotated = object.path("metadata").path("annotations").path(EXIT_CODE);
            String restart = podSpec.path("restartPolicy").asText("Always");
            if (annotated.isTextual()) {
                commandLines(podSpec).forEach(line -> programs.put(line, FakeProgram.exits(exitCode(object, annotated))));
            } else if (kind.equals("Job") || !restart.equals("Always")) {
                commandLines(podSpec).forEach(line -> programs.put(line, FakeProgram.exits(0)));
            }
        }
        return programs;
    }

    private static List<List<String>> commandLines(JsonNode podSpec) {
        List<List<String>> lines = new ArrayList<>();
        for (JsonNode container : podSpec.path("containers")) {
            List<String> line = new ArrayList<>();
            container.path("command").forEach(word -> line.add(word.asText()));
            container.path("args").forEach(word -> line.add(word.asText()));
            if (!line.isEmpty()) {
                lines.add(List.copyOf(line));
            }
        }
        return lines;
    }

    private static int exitCode(ObjectNode object, JsonNode annotated) {
        try {
            return Integer.parseInt(annotated.asText());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(EXIT_CODE + " of " + object.path("metadata").path("name").asText()
                    + " must be an exit code, got \"" + annotated.asText() + "\"");
        }
    }
}
