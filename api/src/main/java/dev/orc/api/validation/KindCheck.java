package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Finds the kind a document declares, or says why it cannot: missing fields, a kind orc does not serve, a wrong apiVersion. */
final class KindCheck {
    /** The outcome: the kind, or the problems that make the document impossible to check further. */
    record Result(Optional<ResourceType> type, List<Problem> problems) {
        Result {
            problems = List.copyOf(problems);
        }
    }

    private KindCheck() {
    }

    static Result resolve(JsonNode document) {
        if (document == null || !document.isObject()) {
            return failed(Problem.error("", "a manifest must be an object with apiVersion, kind and metadata, got "
                    + Values.describe(document)));
        }
        List<Problem> problems = new ArrayList<>();
        String apiVersion = text(document, "apiVersion", problems);
        String kind = text(document, "kind", problems);
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        Optional<ResourceType> type = ResourceTypes.byApiVersionAndKind(apiVersion, kind);
        if (type.isPresent()) {
            return new Result(type, List.of());
        }
        return failed(Problem.error(ResourceTypes.byKind(kind).isPresent() ? "apiVersion" : "kind",
                "unknown kind " + Values.quote(kind) + " in apiVersion " + Values.quote(apiVersion) + hint(kind)));
    }

    private static String hint(String kind) {
        Optional<ResourceType> sameKind = ResourceTypes.byKind(kind);
        if (sameKind.isPresent()) {
            return " (use " + sameKind.get().apiVersion() + ")";
        }
        List<String> kinds = ResourceTypes.all().stream().map(ResourceType::kind).toList();
        return Suggestions.closest(kind, kinds)
                .map(close -> " (did you mean \"" + close + "\" in " + ResourceTypes.byKind(close).orElseThrow().apiVersion() + "?)")
                .orElseGet(() -> " (orc serves " + ResourceTypes.all().stream()
                        .map(t -> t.apiVersion() + " " + t.kind()).collect(Collectors.joining(", ")) + ")");
    }

    private static String text(JsonNode document, String field, List<Problem> problems) {
        JsonNode value = document.get(field);
        if (value == null || value.isNull()) {
            problems.add(Problem.error("", "required field missing: \"" + field + "\""));
            return null;
        }
        if (!value.isTextual()) {
            problems.add(Problem.error(field, "expected string, got " + Values.describe(value)));
            return null;
        }
        return value.asText();
    }

    private static Result failed(Problem problem) {
        return new Result(Optional.empty(), List.of(problem));
    }
}
