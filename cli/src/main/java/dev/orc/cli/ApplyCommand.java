package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.status.ApiException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc apply -f FILE|DIR|- [-R] [--dry-run=client|server]}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc apply -f app.yaml", "  orc apply -R -f manifests/", "  cat app.yaml | orc apply -f -", "  orc apply -f app.yaml --dry-run=server", "", "  # server-side apply, taking over fields other managers own", "  orc apply --server-side --force-conflicts --field-manager ci -f app.yaml"},
        name = "apply", description = "Create or update objects from manifests; fields removed from a file are removed "
        + "from the object.")
final class ApplyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "PATH",
            description = "A file, a directory or - for standard input. Repeatable.")
    List<String> paths;

    @Option(names = {"-R", "--recursive"}, description = "Read directories recursively.")
    boolean recursive;

    @Option(names = "--dry-run", paramLabel = "MODE", arity = "0..1", fallbackValue = "client",
            description = "client: only print what would happen; server: let the server check and default, store nothing.")
    String dryRun;

    @Option(names = "--force", description = "Apply even to objects that a self-healing GitSource manages.")
    boolean force;

    @Option(names = "--server-side", description = "Let the server merge the objects and record which fields this "
            + "field manager owns (server-side apply).")
    boolean serverSide;

    @Option(names = "--force-conflicts", description = "With --server-side: take over the fields another manager owns.")
    boolean forceConflicts;

    @Option(names = "--field-manager", paramLabel = "NAME", defaultValue = "orc",
            description = "With --server-side: the field manager applying (default: ${DEFAULT-VALUE}).")
    String fieldManager;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        Applier.DryRun mode = dryRunMode(cmd, dryRun);
        PrintWriter out = cmd.getOut();
        List<ManifestInput.Item> items = ManifestInput.load(paths, recursive, client.environment().stdin(), cmd.getErr());
        if (items == null) {
            return 1;
        }
        if (!serverSide && (forceConflicts || spec.commandLine().getParseResult().hasMatchedOption("--field-manager"))) {
            throw new CommandLine.ParameterException(cmd, "--force-conflicts and --field-manager need --server-side");
        }
        if (serverSide && mode == Applier.DryRun.CLIENT) {
            throw new CommandLine.ParameterException(cmd, "--server-side works with --dry-run=server, not client");
        }
        if (fieldManager.isBlank()) {
            throw new CommandLine.ParameterException(cmd, "--field-manager needs a name");
        }
        Applier applier = new Applier(client.client(), mode);
        ServerSideApplier serverSideApplier = new ServerSideApplier(client.client(), fieldManager, forceConflicts,
                mode == Applier.DryRun.SERVER);
        String suffix = switch (mode) {
            case NONE -> "";
            case CLIENT -> " (dry run)";
            case SERVER -> " (server dry run)";
        };
        int failures = 0;
        for (ManifestInput.Item item : items) {
            String label = item.type().qualifiedName() + "/" + item.manifest().name();
            try {
                if (mode == Applier.DryRun.NONE) {
                    guard(item, ManifestInput.namespaceOf(item, client));
                }
                String namespace = ManifestInput.namespaceOf(item, client);
                String verb = serverSide ? serverSideApplier.apply(item.type(), namespace, item.manifest().object())
                        : applier.apply(item.type(), namespace, item.manifest().object()).verb().name();
                out.println(label + " " + verb + suffix);
            } catch (GitOpsGuard.Refused e) {
                cmd.getErr().println("error: " + e.getMessage());
                failures++;
            } catch (ApiException | IllegalArgumentException e) {
                if (e instanceof ApiException api && api.isUnreachable()) {
                    throw api;
                }
                cmd.getErr().println("error: " + label + ": " + e.getMessage());
                failures++;
            }
            out.flush();
        }
        return failures == 0 ? 0 : 1;
    }

    /** Refuses to change by hand an existing object that a self-healing GitSource manages, unless --force. */
    private void guard(ManifestInput.Item item, String namespace) {
        try {
            ObjectNode live = client.client().get(item.type(), namespace, item.manifest().name());
            GitOpsGuard.check(client.client(), item.type(), live, force);
        } catch (ApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    static Applier.DryRun dryRunMode(CommandLine cmd, String text) {
        if (text == null || text.equals("none")) {
            return Applier.DryRun.NONE;
        }
        return switch (text) {
            case "client" -> Applier.DryRun.CLIENT;
            case "server" -> Applier.DryRun.SERVER;
            default -> throw new CommandLine.ParameterException(cmd, "invalid --dry-run \"" + text
                    + "\": use client, server or none");
        };
    }
}
