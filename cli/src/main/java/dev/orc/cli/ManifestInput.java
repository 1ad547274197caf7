package dev.orc.cli;

import dev.orc.api.manifest.LoadResult;
import dev.orc.api.manifest.Manifest;
import dev.orc.api.manifest.ManifestCheck;
import dev.orc.api.manifest.ManifestLoader;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/**
 * Manifests from {@code -f} for apply, diff and delete: loaded and validated all together, so that one bad
 * document stops the command before anything reaches the server. Namespaces come first.
 */
final class ManifestInput {
    /** One document with the type it is of. */
    record Item(Manifest manifest, ResourceType type) {
    }

    private ManifestInput() {
    }

    /** The valid documents, or null after printing every problem to {@code err}. */
    static List<Item> load(List<String> paths, boolean recursive, InputStream stdin, PrintWriter err) {
        LoadResult checked = new ManifestCheck(Validators.manifests()).check(ManifestLoader.load(paths, recursive, stdin));
        checked.diagnostics().forEach(d -> err.println(d.format()));
        if (checked.hasErrors()) {
            long errors = checked.diagnostics().stream().filter(d -> d.isError()).count();
            err.println("error: nothing was changed: " + errors + " error" + (errors == 1 ? "" : "s") + " in the manifests");
            err.flush();
            return null;
        }
        return checked.manifests().stream()
                .map(m -> new Item(m, ResourceTypes.byApiVersionAndKind(m.apiVersion(), m.kind()).orElseThrow(
                        () -> new IllegalArgumentException(m.source() + ": " + m.subject() + ": orc does not serve "
                                + m.apiVersion() + " " + m.kind()))))
                .sorted(Comparator.comparing((Item i) -> !i.type().equals(ResourceTypes.NAMESPACE)))
                .toList();
    }

    /** The namespace an object goes to: its own, else {@code -n}, else the configured default; null if cluster-scoped. */
    static String namespaceOf(Item item, ClientOptions options) {
        if (!item.type().namespaced()) {
            return null;
        }
        String own = item.manifest().namespace();
        if (own.isEmpty()) {
            return options.namespace();
        }
        if (options.namespace != null && !options.namespace.equals(own)) {
            throw new IllegalArgumentException(item.manifest().source() + ": " + item.manifest().subject()
                    + " is in namespace \"" + own + "\" but -n asks for \"" + options.namespace + "\"");
        }
        return own;
    }
}
