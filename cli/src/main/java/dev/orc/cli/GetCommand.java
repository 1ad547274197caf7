package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ClientListWatcher;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.table.Column;
import dev.orc.cli.output.GetColumns;
import dev.orc.cli.output.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc get KIND[/NAME]... [-n NS | -A] [-l SELECTOR] [-o FORMAT] [-w | --watch-only]}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc get pods", "  orc get pods -A -o wide", "  orc get deploy,svc -l app=web", "  orc get pod web-1 -o yaml", "  orc get pods -o jsonpath='{.items[*].metadata.name}'", "  orc get pods -w"},
        name = "get", description = "List objects, or show named ones, as tables, YAML, JSON, names or jsonpath.")
final class GetCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "KIND[/NAME]", arity = "1..*",
            description = "pods, deploy, svc, ... or all; then names, or KIND/NAME pairs.")
    List<String> args;

    @Option(names = {"-A", "--all-namespaces"}, description = "List across all namespaces.")
    boolean allNamespaces;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Label selector, e.g. app=web,tier!=db.")
    String labelSelector;

    @Option(names = "--field-selector", paramLabel = "SELECTOR", description = "Field selector, e.g. status.phase=Running.")
    String fieldSelector;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "wide, yaml, json, name or jsonpath=TEMPLATE.")
    String output;

    @Option(names = "--show-managed-fields", description = "Keep metadata.managedFields in -o yaml and -o json.")
    boolean showManagedFields;

    @Option(names = {"-w", "--watch"}, description = "After listing, print changes as they happen.")
    boolean watch;

    @Option(names = "--watch-only", description = "Print changes as they happen, without listing first.")
    boolean watchOnly;

    /** Objects of one kind as fetched, in order. */
    private record Fetched(ResourceType type, List<ObjectNode> objects) {
    }

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cmd = spec.commandLine();
        ResourceArgs targets = ResourceArgs.parse(cmd, args);
        OutputFormat format = OutputFormat.parse(cmd, output).withManagedFields(showManagedFields);
        if (watching() && (targets.severalTypes() || targets.selections().get(0).names().size() > 1)) {
            throw new CommandLine.ParameterException(cmd, "--watch works with one resource type and at most one name");
        }
        ApiClient api = client.client();
        String namespace = allNamespaces ? null : client.namespace();
        if (watching()) {
            follow(api, targets, namespace, format);
            return 0;
        }
        List<Fetched> fetched = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (ResourceArgs.Selection selection : targets.selections()) {
            ResourceType type = selection.type();
            List<ObjectNode> objects = new ArrayList<>();
            if (selection.names().isEmpty()) {
                ObjectNode list = api.listAll(type, namespace, listOptions(selection));
                list.path("items").forEach(item -> objects.add(OutputFormat.withTypeMeta(type, item)));
            } else {
                for (String name : selection.names()) {
                    try {
                        objects.add(api.get(type, namespace == null ? client.namespace() : namespace, name));
                    } catch (ApiException e) {
                        if (!e.isNotFound()) {
                            throw e;
                        }
                        errors.add(e.getMessage());
                    }
                }
            }
            fetched.add(new Fetched(type, objects));
        }
        PrintWriter out = cmd.getOut();
        print(fetched, format, targets, out);
        errors.forEach(e -> cmd.getErr().println("error: " + e));
        boolean nothing = fetched.stream().allMatch(f -> f.objects().isEmpty());
        if (nothing && errors.isEmpty() && format.isTable()) {
            cmd.getErr().println(noneFound(targets));
        }
        out.flush();
        return errors.isEmpty() ? 0 : 1;
    }

    private boolean watching() {
        return watch || watchOnly;
    }

    private ListOptions listOptions(ResourceArgs.Selection selection) {
        String fields = fieldSelector;
        if (!selection.names().isEmpty()) {
            String byName = "metadata.name=" + selection.names().get(0);
            fields = fields == null ? byName : fields + "," + byName;
        }
        return ListOptions.labelSelector(labelSelector).withFieldSelector(fields);
    }

    private void print(List<Fetched> fetched, OutputFormat format, ResourceArgs targets, PrintWriter out) {
        if (format.isTable()) {
            boolean first = true;
            for (Fetched f : fetched) {
                if (f.objects().isEmpty()) {
                    continue;
                }
                if (!first) {
                    out.println();
                }
                first = false;
                List<Column> columns = columns(f.type(), format, targets.severalTypes());
                Table table = new Table().add(GetColumns.headers(columns));
                Instant now = now();
                f.objects().forEach(o -> table.add(GetColumns.row(columns, o, now)));
                table.lines().forEach(out::println);
            }
            return;
        }
        if (format.kind() == OutputFormat.Kind.NAME) {
            fetched.forEach(f -> f.objects().forEach(o -> out.print(format.render(f.type(), o))));
            return;
        }
        List<ObjectNode> all = fetched.stream().flatMap(f -> f.objects().stream()).toList();
        boolean single = !watching() && targets.selections().size() == 1 && targets.selections().get(0).names().size() == 1
                && all.size() == 1;
        JsonNode document = single ? all.get(0) : OutputFormat.list(all);
        if (!single && all.isEmpty() && watching()) {
            return;
        }
        out.print(format.render(fetched.get(0).type(), document));
    }

    private List<Column> columns(ResourceType type, OutputFormat format, boolean severalTypes) {
        return GetColumns.of(type, format.kind() == OutputFormat.Kind.WIDE, allNamespaces, severalTypes);
    }

    /** {@code -w}: the list (unless {@code --watch-only}), then every change, until stopped or --request-timeout. */
    private void follow(ApiClient api, ResourceArgs targets, String namespace, OutputFormat format)
            throws InterruptedException {
        ResourceArgs.Selection selection = targets.selections().get(0);
        ResourceType type = selection.type();
        List<Column> columns = columns(type, format, false);
        PrintWriter out = spec.commandLine().getOut();
        boolean[] needHeader = {true};
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        java.time.Duration limit = parsed.hasMatchedOption("--request-timeout") ? client.requestTimeout : null;
        ClientListWatcher source = new ClientListWatcher(api, namespace, listOptions(selection));
        ObjectWatch.follow(source, type, limit, new ObjectWatch.Printer() {
            @Override
            public void listed(List<ObjectNode> objects) {
                if (!watchOnly) {
                    List<ObjectNode> typed = objects.stream().map(o -> OutputFormat.withTypeMeta(type, o)).toList();
                    print(List.of(new Fetched(type, typed)), format, targets, out);
                    needHeader[0] = typed.isEmpty();
                    out.flush();
                }
            }

            @Override
            public void changed(ObjectNode changed) {
                ObjectNode object = OutputFormat.withTypeMeta(type, changed);
                if (format.isTable()) {
                    Table table = new Table();
                    if (needHeader[0]) {
                        table.add(GetColumns.headers(columns));
                        needHeader[0] = false;
                    }
                    table.add(GetColumns.row(columns, object, now()));
                    table.lines().forEach(out::println);
                } else {
                    out.print(format.render(type, object));
                }
                out.flush();
            }
        });
    }

    private Instant now() {
        return client.environment().clock().instant();
    }

    private String noneFound(ResourceArgs targets) {
        boolean namespaced = targets.selections().stream().anyMatch(s -> s.type().namespaced());
        return allNamespaces || !namespaced ? "No resources found"
                : "No resources found in " + client.namespace() + " namespace.";
    }
}
