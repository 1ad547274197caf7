package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ClientListWatcher;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.table.Column;
import dev.orc.cli.output.GetColumns;
import dev.orc.api.table.EventSummary;
import dev.orc.cli.output.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc events [-w] [-n NS | -A] [--for KIND/NAME]}: what happened, oldest first. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc events", "  orc events -A -w", "  orc events --for pod/web-1"},
        name = "events", description = "List events, oldest first; -w follows new ones.")
final class EventsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Option(names = {"-A", "--all-namespaces"}, description = "Events of all namespaces.")
    boolean allNamespaces;

    @Option(names = {"-w", "--watch"}, description = "After listing, print new events as they happen.")
    boolean watch;

    @Option(names = "--for", paramLabel = "KIND/NAME", description = "Only the events about this object, e.g. pod/web-1.")
    String forObject;

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cmd = spec.commandLine();
        ApiClient api = client.client();
        String namespace = allNamespaces ? null : client.namespace();
        ListOptions options = ListOptions.fieldSelector(forSelector(cmd));
        List<Column> columns = GetColumns.of(ResourceTypes.EVENT, false, allNamespaces, false);
        boolean[] needHeader = {true};
        if (!watch) {
            List<JsonNode> events = new ArrayList<>();
            api.listAll(ResourceTypes.EVENT, namespace, options).path("items").forEach(events::add);
            listed(cmd, columns, events, namespace, needHeader);
            return 0;
        }
        Duration limit = cmd.getParseResult().hasMatchedOption("--request-timeout") ? client.requestTimeout : null;
        ObjectWatch.follow(new ClientListWatcher(api, namespace, options), ResourceTypes.EVENT, limit, new ObjectWatch.Printer() {
            @Override
            public void listed(List<ObjectNode> events) {
                EventsCommand.this.listed(cmd, columns, new ArrayList<>(events), namespace, needHeader);
            }

            @Override
            public void changed(ObjectNode event) {
                print(columns, List.of(event), needHeader);
            }
        });
        return 0;
    }

    /** The events of the first list, oldest first, or a note that there are none. */
    private void listed(CommandLine cmd, List<Column> columns, List<JsonNode> events, String namespace,
                        boolean[] needHeader) {
        events.sort(Comparator.comparing(e -> String.valueOf(EventSummary.lastSeen(e))));
        if (events.isEmpty()) {
            cmd.getErr().println(allNamespaces ? "No events found." : "No events found in " + namespace + " namespace.");
        } else {
            print(columns, events, needHeader);
        }
        cmd.getOut().flush();
    }

    private void print(List<Column> columns, List<JsonNode> events, boolean[] needHeader) {
        Table table = new Table();
        if (needHeader[0]) {
            table.add(GetColumns.headers(columns));
            needHeader[0] = false;
        }
        events.forEach(e -> table.add(GetColumns.row(columns, e, client.environment().clock().instant())));
        table.lines().forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
    }

    private String forSelector(CommandLine cmd) {
        if (forObject == null) {
            return null;
        }
        int slash = forObject.indexOf('/');
        if (slash <= 0 || slash == forObject.length() - 1) {
            throw new CommandLine.ParameterException(cmd, "--for takes KIND/NAME, e.g. pod/web-1; got \"" + forObject + "\"");
        }
        String kind = Kinds.resolve(cmd, forObject.substring(0, slash)).kind();
        return "involvedObject.kind=" + kind + ",involvedObject.name=" + forObject.substring(slash + 1);
    }
}
