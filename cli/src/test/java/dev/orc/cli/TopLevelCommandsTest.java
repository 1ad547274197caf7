package dev.orc.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TopLevelCommandsTest {
    @Test
    void everyNameResolvesToTheCommandOfThatName() {
        for (String name : TopLevelCommands.NAMES) {
            Class<?> command = TopLevelCommands.command(name).orElseThrow();
            assertThat(command.getAnnotation(CommandLine.Command.class).name()).as(name).isEqualTo(name);
        }
        assertThat(TopLevelCommands.command("nosuch")).isEmpty();
    }

    @Test
    void aRunRegistersOnlyTheCommandItCalls() {
        assertThat(registeredFor("get", "pods")).containsOnlyKeys("get");
        assertThat(registeredFor("version")).containsOnlyKeys("version");
    }

    @Test
    void helpCompletionOptionsAndUnknownNamesRegisterEveryCommand() {
        for (String[] args : List.of(new String[0], new String[]{"--help"}, new String[]{"help", "get"},
                new String[]{"completion", "bash"}, new String[]{"nosuch"})) {
            assertThat(registeredFor(args).keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(TopLevelCommands.NAMES);
        }
    }

    @Test
    void everyCommandPrintsItsHelpWithExamplesAndExitsZero() {
        for (List<String> path : commandPaths(Orc.commandLine(), List.of())) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CommandRun run = CommandRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).as(String.join(" ", args)).contains("Usage: orc " + String.join(" ", path));
            if (!path.equals(List.of("help"))) {
                assertThat(run.out()).as(String.join(" ", args)).contains("\nExamples:\n");
                assertThat(run.out().substring(run.out().indexOf("\nExamples:\n"))).as(String.join(" ", args))
                        .contains("orc " + String.join(" ", path));
            }
        }
    }

    @Test
    void secretsEncryptOffersTheFlagsThatReachEtcdButNotTheServersTimings() {
        for (String verb : List.of("status", "rotate-keys")) {
            CommandRun run = CommandRun.of("secrets-encrypt", verb, "--help");
            assertThat(run.out()).as(verb).contains("--store=", "--cluster-token=", "--etcd-cafile=", "--etcd-user=")
                    .doesNotContain("--leader-lease", "--etcd-compaction-interval");
        }
        assertThat(CommandRun.of("server", "--help").out()).contains("--cluster-token=", "--etcd-cafile=",
                "--leader-lease=", "--etcd-compaction-interval=");
    }

    @Test
    void theRootsHelpHasExamplesToo() {
        CommandRun run = CommandRun.of("-h");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\nExamples:\n  orc up\n");
    }

    private static Map<String, CommandLine> registeredFor(String... args) {
        CommandLine root = new CommandLine(Orc.commandLine().getCommand());
        TopLevelCommands.registerFor(root, args);
        return root.getSubcommands();
    }

    private static List<List<String>> commandPaths(CommandLine parent, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        for (var entry : parent.getSubcommands().entrySet()) {
            if (entry.getKey().equals(entry.getValue().getCommandName())) {
                List<String> path = new ArrayList<>(prefix);
                path.add(entry.getKey());
                paths.add(path);
                paths.addAll(commandPaths(entry.getValue(), path));
            }
        }
        return paths;
    }
}
