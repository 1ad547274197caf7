package dev.orc.cli;

import dev.orc.api.stream.ExecOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code orc exec [-i] [-t] POD [-c C] -- COMMAND [ARG...]}. */
@Command(name = "exec", description = "Run a command in a container of a pod; its exit code is orc's.",
        footerHeading = "%nExamples:%n", footer = {"  orc exec web-1 -- ls /etc",
        "  orc exec -it web-1 -- sh", "  orc exec web-1 -c sidecar -- cat /tmp/state",
        "  echo hello | orc exec -i web-1 -- cat"})
final class ExecCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Option(names = {"-i", "--stdin"}, description = "Pass orc's standard input to the command.")
    boolean stdin;

    @Option(names = {"-t", "--tty"}, description = "Give the command a terminal (when orc's input is one).")
    boolean tty;

    @Option(names = {"-c", "--container"}, description = "The container (default: the pod's only one).")
    String container;

    @Parameters(index = "0", paramLabel = "POD", description = "The pod's name, or pod/NAME.")
    String pod;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The command and its arguments, after --.")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = spec.commandLine();
        if (command == null || command.isEmpty()) {
            throw new CommandLine.ParameterException(cmd, "COMMAND is required: orc exec POD -- COMMAND [ARG...]");
        }
        PodStreamRun run = new PodStreamRun(client, cmd);
        String path = run.path(pod, "exec");
        PodStreamRun.requireContainer(client, client.namespace(), pod.replaceFirst("^(pod|pods|po)/", ""), container);
        boolean terminal = run.terminal(tty);
        ExecOptions options = new ExecOptions(command, Optional.ofNullable(container), stdin, true, !terminal, terminal);
        return run.run(path + options.toQuery(), stdin, terminal);
    }
}
