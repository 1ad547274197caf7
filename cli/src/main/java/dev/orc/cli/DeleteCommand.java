package dev.orc.cli;

import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.meta.ResourceType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code orc delete KIND NAME... | -f FILE [--wait] [--grace-period N] [--cascade=background|foreground|orphan]}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc delete pod web-1", "  orc delete deployment/web service/web", "  orc delete -f app.yaml --wait", "  orc delete pods -l app=web --grace-period 0"},
        name = "delete", description = "Delete objects by kind and name, or those a manifest describes.")
final class DeleteCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "KIND[/NAME]", arity = "0..*", description = "A kind and names, or KIND/NAME pairs.")
    List<String> args;

    @Option(names = {"-f", "--filename"}, paramLabel = "PATH", description = "Delete the objects these manifests describe.")
    List<String> paths;

    @Option(names = {"-R", "--recursive"}, description = "Read directories recursively.")
    boolean recursive;

    @Option(names = "--wait", description = "Wait until the objects are gone (bounded by --timeout).")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", converter = ClientOptions.DurationConverter.class,
            description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--grace-period", paramLabel = "SECONDS", description = "Seconds a pod gets to stop; 0 stops it at once.")
    Long gracePeriod;

    @Option(names = "--cascade", paramLabel = "MODE", defaultValue = "background",
            description = "background (default), foreground (dependents first) or orphan (keep dependents).")
    String cascade;

    @Option(names = "--ignore-not-found", description = "An object that does not exist is not an error.")
    boolean ignoreNotFound;

    @Option(names = "--force", description = "Delete even an object that a self-healing GitSource manages.")
    boolean force;

    private record Target(ResourceType type, String namespace, String name) {
        String label() {
            return type.qualifiedName() + " \"" + name + "\"";
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cmd = spec.commandLine();
        DeleteOptions options = DeleteOptions.defaults().withPropagation(propagation(cmd)).withGracePeriodSeconds(gracePeriod);
        List<Target> targets = targets(cmd);
        if (targets == null) {
            return 1;
        }
        ApiClient api = client.client();
        List<Target> deleted = new ArrayList<>();
        int failures = 0;
        for (Target target : targets) {
            try {
                if (!force) {
                    GitOpsGuard.check(api, target.type(), api.get(target.type(), target.namespace(), target.name()), false);
                }
                api.delete(target.type(), target.namespace(), target.name(), options);
                cmd.getOut().println(target.label() + " deleted");
                deleted.add(target);
            } catch (GitOpsGuard.Refused e) {
                cmd.getErr().println("error: " + e.getMessage());
                failures++;
            } catch (ApiException e) {
                if (e.isUnreachable()) {
                    throw e;
                }
                if (!(e.isNotFound() && ignoreNotFound)) {
                    cmd.getErr().println("error: " + e.getMessage());
                    failures++;
                }
            }
            cmd.getOut().flush();
        }
        if (wait && !awaitGone(api, deleted)) {
            cmd.getErr().println("error: timed out after " + timeout.toSeconds() + "s waiting for the deletion of "
                    + String.join(", ", deleted.stream().map(Target::label).toList()));
            return 1;
        }
        return failures == 0 ? 0 : 1;
    }

    private List<Target> targets(CommandLine cmd) {
        boolean byName = args != null && !args.isEmpty();
        boolean byFile = paths != null && !paths.isEmpty();
        if (byName == byFile) {
            throw new CommandLine.ParameterException(cmd, "name what to delete: KIND NAME..., KIND/NAME... or -f FILE");
        }
        if (byFile) {
            List<ManifestInput.Item> items = ManifestInput.load(paths, recursive, client.environment().stdin(), cmd.getErr());
            return items == null ? null : items.reversed().stream()
                    .map(i -> new Target(i.type(), ManifestInput.namespaceOf(i, client), i.manifest().name())).toList();
        }
        ResourceArgs parsed = ResourceArgs.parse(cmd, args);
        List<Target> targets = new ArrayList<>();
        for (ResourceArgs.Selection selection : parsed.selections()) {
            if (selection.names().isEmpty()) {
                throw new CommandLine.ParameterException(cmd, "name the " + selection.type().plural() + " to delete");
            }
            selection.names().forEach(n -> targets.add(new Target(selection.type(), client.namespace(), n)));
        }
        return targets;
    }

    private DeleteOptions.Propagation propagation(CommandLine cmd) {
        return switch (cascade) {
            case "background", "true" -> DeleteOptions.Propagation.Background;
            case "foreground" -> DeleteOptions.Propagation.Foreground;
            case "orphan", "false" -> DeleteOptions.Propagation.Orphan;
            default -> throw new CommandLine.ParameterException(cmd, "invalid --cascade \"" + cascade
                    + "\": use background, foreground or orphan");
        };
    }

    /** Polls, with growing pauses, until every target answers NotFound or the timeout has passed. */
    private boolean awaitGone(ApiClient api, List<Target> targets) throws InterruptedException {
        List<Target> remaining = new ArrayList<>(targets);
        return Polling.until(timeout, () -> {
            remaining.removeIf(t -> api.find(t.type(), t.namespace(), t.name()).isEmpty());
            return remaining.isEmpty() ? Optional.of(true) : Optional.<Boolean>empty();
        }).isPresent();
    }
}
