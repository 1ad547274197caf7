package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.manifest.Diagnostic;
import dev.orc.api.manifest.LoadResult;
import dev.orc.api.manifest.ManifestCheck;
import dev.orc.api.manifest.ManifestLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc validate -f PATH...}: checks manifests against orc's schemas without a server. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc validate -f manifests/", "  orc validate -f app.yaml -o json"},
        name = "validate", description = "Validate manifests (files, directories, - for stdin) against orc's schemas.")
final class ValidateCommand implements Callable<Integer> {
    enum Format { text, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "PATH",
            description = "A file, a directory (read recursively) or - for standard input. Repeatable.")
    List<String> paths;

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    Format output;

    @Override
    public Integer call() {
        LoadResult loaded = ManifestLoader.load(paths, true, System.in);
        LoadResult checked = new ManifestCheck(Validators.manifests()).check(loaded);
        PrintWriter out = spec.commandLine().getOut();
        if (output == Format.json) {
            out.println(Json.pretty(json(checked)));
        } else {
            printText(checked, out);
        }
        out.flush();
        return checked.hasErrors() ? 1 : 0;
    }

    private static void printText(LoadResult result, PrintWriter out) {
        result.diagnostics().forEach(d -> out.println(d.format()));
        long errors = result.diagnostics().stream().filter(Diagnostic::isError).count();
        long warnings = result.diagnostics().size() - errors;
        int documents = result.manifests().size();
        if (errors == 0) {
            out.printf("%d document%s valid%s%n", documents, documents == 1 ? "" : "s",
                    warnings == 0 ? "" : " (" + warnings + " warning" + (warnings == 1 ? "" : "s") + ")");
        } else {
            out.printf("%d error%s, %d warning%s in %d document%s%n", errors, errors == 1 ? "" : "s",
                    warnings, warnings == 1 ? "" : "s", documents, documents == 1 ? "" : "s");
        }
    }

    private static ObjectNode json(LoadResult result) {
        ObjectNode root = Json.object();
        root.put("valid", !result.hasErrors());
        root.put("documents", result.manifests().size());
        ArrayNode diagnostics = root.putArray("diagnostics");
        for (Diagnostic d : result.diagnostics()) {
            ObjectNode item = diagnostics.addObject();
            item.put("severity", d.severity().name().toLowerCase());
            item.put("file", d.source());
            item.put("line", d.position().line());
            item.put("column", d.position().column());
            item.put("object", d.subject());
            item.put("field", d.path());
            item.put("message", d.message());
            item.put("text", d.format());
        }
        return root;
    }
}
