package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.cli.output.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc sync history SOURCE}: the source's recent syncs, newest first. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc sync history shop"},
        name = "history", description = "List a GitSource's recent syncs: commit, author, message, time, result, duration.")
final class SyncHistoryCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "SOURCE", description = "The GitSource.")
    String source;

    @Override
    public Integer call() {
        ObjectNode gitSource = GitSources.resolve(client.client(), client.namespace(), source).get(0);
        PrintWriter out = spec.commandLine().getOut();
        JsonNode history = gitSource.path("status").path("history");
        if (history.isEmpty()) {
            out.println("No syncs recorded for GitSource " + GitSources.key(gitSource) + ".");
            return 0;
        }
        Table table = new Table().add(List.of("COMMIT", "AUTHOR", "MESSAGE", "TIME", "RESULT", "DURATION"));
        for (JsonNode record : history) {
            table.add(List.of(GitSources.shortCommit(record.path("commit").asText("")), text(record, "author"),
                    text(record, "message"), text(record, "time"), text(record, "result"), text(record, "duration")));
        }
        table.lines().forEach(out::println);
        return 0;
    }

    private static String text(JsonNode record, String field) {
        String value = record.path(field).asText("");
        return value.isEmpty() ? "-" : value;
    }
}
