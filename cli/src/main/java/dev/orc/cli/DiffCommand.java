package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.status.ApiException;
import dev.orc.cli.output.UnifiedDiff;
import dev.orc.cli.output.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code orc diff -f FILE}: the unified diff, in YAML, between each live object and what {@code orc apply} would
 * make of it (asked of the server as a dry run, so defaults show as they would be). Exit 0 when nothing would
 * change, 1 when something would, 2 on an error.
 */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc diff -f app.yaml", "  orc diff -R -f manifests/"},
        name = "diff", description = "Show what orc apply would change, as a unified diff of live and applied YAML. "
        + "Exit code 0: no differences, 1: differences, 2: error.")
final class DiffCommand implements Callable<Integer> {
    static final int DIFFERENCES = 1;
    static final int ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "PATH",
            description = "A file, a directory or - for standard input. Repeatable.")
    List<String> paths;

    @Option(names = {"-R", "--recursive"}, description = "Read directories recursively.")
    boolean recursive;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        PrintWriter out = cmd.getOut();
        try {
            List<ManifestInput.Item> items = ManifestInput.load(paths, recursive, client.environment().stdin(), cmd.getErr());
            if (items == null) {
                return ERROR;
            }
            Applier applier = new Applier(client.client(), Applier.DryRun.SERVER);
            boolean differs = false;
            for (ManifestInput.Item item : items) {
                String namespace = ManifestInput.namespaceOf(item, client);
                Applier.Outcome outcome = applier.apply(item.type(), namespace, item.manifest().object());
                String file = item.type().group() + "." + item.type().version() + "." + item.type().kind() + "."
                        + (namespace == null ? "" : namespace + ".") + item.manifest().name();
                String diff = UnifiedDiff.diff("live/" + file, "merged/" + file, render(outcome.live()),
                        render(outcome.result()));
                if (!diff.isEmpty()) {
                    out.print(diff);
                    differs = true;
                }
            }
            out.flush();
            return differs ? DIFFERENCES : 0;
        } catch (ApiException | IllegalArgumentException e) {
            cmd.getErr().println("error: " + e.getMessage());
            return ERROR;
        }
    }

    /** The object as YAML without the bookkeeping every write changes; nothing for an absent object. */
    private static String render(ObjectNode object) {
        if (object == null) {
            return "";
        }
        ObjectNode copy = object.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("resourceVersion");
            metadata.remove("generation");
            metadata.remove("managedFields");
        }
        return Yaml.write(copy);
    }
}
