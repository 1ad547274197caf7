package dev.orc.cli;

import dev.orc.cli.create.CreateCommand;
import dev.orc.cli.server.SecretsEncryptCommand;
import dev.orc.cli.server.ServerCommand;
import dev.orc.cli.server.UpCommand;
import dev.orc.cli.token.TokenCommand;
import dev.orc.cli.top.TopCommand;
import picocli.CommandLine;

import java.util.List;
import java.util.Optional;

/**
 * orc's top-level commands by name. Building picocli's model of a command loads its class and the types of
 * its fields, so a run registers only the command it calls ({@code orc version} then touches no server
 * class); help, completion, an option first or an unknown name register all of them.
 */
final class TopLevelCommands {
    /** In the order {@code orc --help} lists them. */
    static final List<String> NAMES = List.of("apply", "rollout", "scale", "set", "cordon", "uncordon", "drain",
            "sync", "get", "describe", "explain", "delete", "diff", "events", "logs", "exec", "attach", "port-forward", "cp",
            "create", "label", "annotate", "patch", "edit",
            "wait", "top", "auth", "token", "ui", "validate", "node", "config", "version", "completion", "server", "up",
            "secrets-encrypt", "help");

    private TopLevelCommands() {
    }

    /** Adds to {@code root} the command that {@code args} call, or every command when that takes more. */
    static void registerFor(CommandLine root, String[] args) {
        Optional<Class<?>> called = args.length == 0 || args[0].startsWith("-") ? Optional.empty() : command(args[0]);
        if (called.isPresent() && !args[0].equals("help") && !args[0].equals("completion")) {
            root.addSubcommand(args[0], called.get());
        } else {
            registerAll(root);
        }
    }

    static void registerAll(CommandLine root) {
        for (String name : NAMES) {
            root.addSubcommand(name, command(name).orElseThrow());
        }
    }

    /** The class of the command named {@code name}; only that class is loaded. */
    static Optional<Class<?>> command(String name) {
        return Optional.ofNullable(switch (name) {
            case "apply" -> ApplyCommand.class;
            case "rollout" -> RolloutCommand.class;
            case "scale" -> ScaleCommand.class;
            case "set" -> SetCommand.class;
            case "cordon" -> CordonCommand.class;
            case "uncordon" -> UncordonCommand.class;
            case "drain" -> DrainCommand.class;
            case "sync" -> SyncCommand.class;
            case "get" -> GetCommand.class;
            case "describe" -> DescribeCommand.class;
            case "explain" -> ExplainCommand.class;
            case "delete" -> DeleteCommand.class;
            case "diff" -> DiffCommand.class;
            case "events" -> EventsCommand.class;
            case "logs" -> LogsCommand.class;
            case "exec" -> ExecCommand.class;
            case "attach" -> AttachCommand.class;
            case "port-forward" -> PortForwardCommand.class;
            case "cp" -> CpCommand.class;
            case "create" -> CreateCommand.class;
            case "top" -> TopCommand.class;
            case "auth" -> AuthCommand.class;
            case "token" -> TokenCommand.class;
            case "ui" -> UiCommand.class;
            case "validate" -> ValidateCommand.class;
            case "node" -> NodeCommand.class;
            case "label" -> LabelCommand.class;
            case "annotate" -> AnnotateCommand.class;
            case "patch" -> PatchCommand.class;
            case "edit" -> EditCommand.class;
            case "wait" -> WaitCommand.class;
            case "config" -> ConfigCommand.class;
            case "version" -> VersionCommand.class;
            case "completion" -> CompletionCommand.class;
            case "server" -> ServerCommand.class;
            case "up" -> UpCommand.class;
            case "secrets-encrypt" -> SecretsEncryptCommand.class;
            case "help" -> CommandLine.HelpCommand.class;
            default -> null;
        });
    }
}
