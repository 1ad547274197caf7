package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.table.Age;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code orc wait KIND NAME...|KIND/NAME...|KIND --all|-l SEL --for=... [--timeout 30s]}. */
@Command(name = "wait", description = "Wait until objects meet a condition, have a value, or are deleted.",
        footerHeading = "%nExamples:%n",
        footer = {"  # until pod web is Ready", "  orc wait --for=condition=Ready pod/web", "",
                "  # until every deployment labelled app=shop is Available, for at most two minutes",
                "  orc wait deploy -l app=shop --for=condition=Available --timeout=2m", "",
                "  # until a job's pod has succeeded", "  orc wait pod/migrate-x7k2p --for=jsonpath='{.status.phase}'=Succeeded", "",
                "  # until pod web is gone", "  orc wait --for=delete pod/web --timeout=60s"})
final class WaitCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "KIND[/NAME]", arity = "1..*", description = "KIND NAME..., KIND/NAME..., or KIND with --all or -l.")
    List<String> args;

    @Option(names = "--for", required = true, paramLabel = "CONDITION",
            description = "delete, condition=TYPE[=STATUS] or jsonpath={PATH}[=VALUE].")
    String condition;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = ClientOptions.DurationConverter.class,
            description = "How long to wait for all of them (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--all", description = "Every object of the kind in the namespace.")
    boolean all;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "The objects of the kind with these labels.")
    String selector;

    private record Target(ResourceType type, String name) {
        String label() {
            return type.qualifiedName() + "/" + name;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cmd = spec.commandLine();
        WaitCondition wanted;
        try {
            wanted = WaitCondition.parse(condition);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new CommandLine.ParameterException(cmd, "--timeout must be more than 0, got " + timeout);
        }
        ApiClient api = client.client();
        List<Target> targets = targets(cmd, api);
        if (targets.isEmpty()) {
            cmd.getErr().println("error: no matching resources found");
            return 1;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Target target : targets) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Optional<Boolean> met = Polling.until(left, () -> {
                Optional<JsonNode> object = api.find(target.type(), client.namespace(), target.name()).map(JsonNode.class::cast);
                return wanted.met(object) ? Optional.of(true) : Optional.empty();
            });
            if (met.isEmpty()) {
                cmd.getErr().println("error: timed out after " + Age.format(timeout) + " waiting for " + condition
                        + " on " + target.label());
                return 1;
            }
            cmd.getOut().println(target.label() + " condition met");
        }
        return 0;
    }

    private List<Target> targets(CommandLine cmd, ApiClient api) {
        ResourceArgs parsed = ResourceArgs.parse(cmd, args);
        boolean byList = all || selector != null;
        List<Target> targets = new ArrayList<>();
        for (ResourceArgs.Selection selection : parsed.selections()) {
            if (selection.names().isEmpty() == !byList) {
                throw new CommandLine.ParameterException(cmd, byList ? "--all and -l select the objects: give no names"
                        : "name the objects to wait for, or select them with --all or -l");
            }
            if (byList) {
                ListOptions options = selector == null ? ListOptions.all() : ListOptions.labelSelector(selector);
                api.listAll(selection.type(), client.namespace(), options).path("items")
                        .forEach(item -> targets.add(new Target(selection.type(), item.at("/metadata/name").asText())));
            } else {
                selection.names().forEach(name -> targets.add(new Target(selection.type(), name)));
            }
        }
        return targets;
    }
}
