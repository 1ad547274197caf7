package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * The keys of a ConfigMap's or Secret's maps become file names in a volume, next to the {@code ..}-prefixed names
 * the atomic writer uses for its own: {@code .}, {@code ..} and {@code ..}-prefixed keys are refused, in
 * Kubernetes' words. The schema checks the characters and length.
 */
final class DataKeyRules {
    private DataKeyRules() {
    }

    static void check(JsonNode document, List<String> maps, List<Problem> problems) {
        for (String map : maps) {
            document.path(map).fieldNames().forEachRemaining(key -> refusal(key).ifPresent(reason ->
                    problems.add(Problem.error(map, "invalid key " + Values.quote(key) + ": " + reason))));
        }
    }

    private static Optional<String> refusal(String key) {
        if (key.equals(".")) {
            return Optional.of("must not be '.'");
        }
        if (key.equals("..")) {
            return Optional.of("must not be '..'");
        }
        if (key.startsWith("..")) {
            return Optional.of("must not start with '..'");
        }
        return Optional.empty();
    }
}
