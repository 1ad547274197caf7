package dev.orc.api.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.validation.Problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Runs a document validator over loaded manifests and places each problem at its file, line and column. */
public final class ManifestCheck {
    private final Function<JsonNode, List<Problem>> validator;

    public ManifestCheck(Function<JsonNode, List<Problem>> validator) {
        this.validator = validator;
    }

    public LoadResult check(LoadResult loaded) {
        List<Diagnostic> found = new ArrayList<>();
        for (Manifest manifest : loaded.manifests()) {
            validator.apply(manifest.object()).stream()
                    .map(manifest::diagnostic)
                    .sorted(Comparator.comparingInt((Diagnostic d) -> d.position().line())
                            .thenComparingInt(d -> d.position().column()))
                    .forEach(found::add);
        }
        return loaded.withDiagnostics(found);
    }
}
