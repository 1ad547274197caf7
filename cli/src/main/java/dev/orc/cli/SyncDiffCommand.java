package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.apply.LastApplied;
import dev.orc.api.client.ApiClient;
import dev.orc.cli.output.UnifiedDiff;
import dev.orc.cli.output.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code orc sync diff SOURCE}: what the next sync would change. The server fetches the source's ref as the
 * controller does, validates every manifest and plans the sync against the live objects (its {@code diff}
 * subresource); this prints each change as a unified diff of the live object and the server's dry run of the change.
 * Exit 1 when there are differences (or errors), 0 when the cluster matches Git.
 */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc sync diff shop", "  orc sync diff shop --timeout 2m"},
        name = "diff", description = "Show what the next sync of a GitSource would change, as a unified diff; "
        + "exit 1 when something would change.")
final class SyncDiffCommand implements Callable<Integer> {
    /** Time the server takes beyond the fetch: loading, planning and a dry run per change. */
    private static final Duration PLANNING = Duration.ofSeconds(30);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "SOURCE", description = "The GitSource.")
    String source;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "50s", converter = ClientOptions.DurationConverter.class,
            description = "How long the server's fetch of the repository may take (default: ${DEFAULT-VALUE}; the "
                    + "server allows at most its request timeout less 10s).")
    Duration timeout;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        PrintWriter out = cmd.getOut();
        PrintWriter err = cmd.getErr();
        ObjectNode gitSource = GitSources.resolve(client.client(), client.namespace(), source).get(0);
        ApiClient api = ApiClient.connect(client.config(), timeout.plus(PLANNING));
        ObjectNode preview = api.previewSync(gitSource.path("metadata").path("namespace").asText(),
                gitSource.path("metadata").path("name").asText(), timeout);
        JsonNode errors = preview.path("errors");
        if (!preview.hasNonNull("commit")) {
            errors.forEach(e -> err.println("error: " + e.asText()));
            return 1;
        }
        String commit = GitSources.shortCommit(preview.path("commit").asText());
        if (!errors.isEmpty()) {
            err.println("error: commit " + commit + " cannot be synced: " + errors.size() + " error"
                    + (errors.size() == 1 ? "" : "s") + " (invalid documents, or objects the GitSource may not write)");
            errors.forEach(e -> err.println("  " + e.asText()));
            return 1;
        }
        preview.path("conflicts").forEach(c -> err.println("error: " + c.asText()));
        boolean differs = !preview.path("conflicts").isEmpty();
        for (JsonNode change : preview.path("changes")) {
            differs = true;
            String name = change.path("kind").asText() + " " + (change.path("namespace").asText().isEmpty() ? ""
                    : change.path("namespace").asText() + "/") + change.path("name").asText();
            if (change.hasNonNull("refused")) {
                err.println("error: " + name + " would be refused: " + change.path("refused").asText());
                continue;
            }
            out.print(UnifiedDiff.diff("live/" + name, "git@" + commit + "/" + name, shown(change.get("live")),
                    shown(change.get("desired"))));
        }
        out.flush();
        return differs ? 1 : 0;
    }

    /** The object as YAML without what the server keeps for itself and what a sync never changes; "" for none. */
    private static String shown(JsonNode object) {
        if (!(object instanceof ObjectNode found)) {
            return "";
        }
        ObjectNode copy = found.deepCopy();
        copy.remove("status");
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            Stream.of("uid", "resourceVersion", "generation", "creationTimestamp", "managedFields").forEach(metadata::remove);
            if (metadata.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove(LastApplied.ANNOTATION);
                if (annotations.isEmpty()) {
                    metadata.remove("annotations");
                }
            }
        }
        return Yaml.write(copy);
    }
}
