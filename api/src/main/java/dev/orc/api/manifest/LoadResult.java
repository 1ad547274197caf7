package dev.orc.api.manifest;

import java.util.ArrayList;
import java.util.List;

/** What loading produced: the documents that could be read, and every problem found on the way. */
public record LoadResult(List<Manifest> manifests, List<Diagnostic> diagnostics) {
    public LoadResult {
        manifests = List.copyOf(manifests);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public LoadResult plus(LoadResult other) {
        List<Manifest> allManifests = new ArrayList<>(manifests);
        allManifests.addAll(other.manifests);
        List<Diagnostic> allDiagnostics = new ArrayList<>(diagnostics);
        allDiagnostics.addAll(other.diagnostics);
        return new LoadResult(allManifests, allDiagnostics);
    }

    public LoadResult withDiagnostics(List<Diagnostic> more) {
        List<Diagnostic> all = new ArrayList<>(diagnostics);
        all.addAll(more);
        return new LoadResult(manifests, all);
    }
}
