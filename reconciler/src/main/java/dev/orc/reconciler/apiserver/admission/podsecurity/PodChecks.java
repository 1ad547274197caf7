package dev.orc.reconciler.apiserver.admission.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** What the checks of both levels share: a pod's containers and the way Kubernetes names them in a message. */
final class PodChecks {
    private PodChecks() {
    }

    static List<JsonNode> containers(JsonNode spec) {
        List<JsonNode> containers = new ArrayList<>();
        for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
            spec.path(list).forEach(containers::add);
        }
        return containers;
    }

    static void perContainer(List<JsonNode> containers, Predicate<JsonNode> fails,
                                     String check, Function<String, String> detail, List<Violation> violations) {
        List<String> names = containers.stream().filter(fails).map(c -> c.path("name").asText()).toList();
        if (!names.isEmpty()) {
            violations.add(new Violation(check, detail.apply(containerNames(names))));
        }
    }

    static String containerNames(List<String> names) {
        return (names.size() == 1 ? "container " : "containers ")
                + names.stream().map(PodChecks::quote).collect(Collectors.joining(", "));
    }

    static String quote(String text) {
        return "\"" + text + "\"";
    }
}
