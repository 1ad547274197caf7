package dev.orc.cli;

import dev.orc.api.stream.ExecOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code orc attach POD [-c C] [-i] [-t]}. */
@Command(name = "attach", description = "Attach to the running process of a container: its output, and with -i its input.",
        footerHeading = "%nExamples:%n", footer = {"  orc attach web-1", "  orc attach -it shell-1 -c main"})
final class AttachCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Option(names = {"-i", "--stdin"}, description = "Pass orc's standard input to the process (needs stdin: true in the pod).")
    boolean stdin;

    @Option(names = {"-t", "--tty"}, description = "The container has a terminal (tty: true in the pod).")
    boolean tty;

    @Option(names = {"-c", "--container"}, description = "The container (default: the pod's only one).")
    String container;

    @Parameters(index = "0", paramLabel = "POD", description = "The pod's name, or pod/NAME.")
    String pod;

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = spec.commandLine();
        PodStreamRun run = new PodStreamRun(client, cmd);
        String path = run.path(pod, "attach");
        PodStreamRun.requireContainer(client, client.namespace(), pod.replaceFirst("^(pod|pods|po)/", ""), container);
        boolean terminal = run.terminal(tty);
        ExecOptions options = new ExecOptions(List.of(), Optional.ofNullable(container), stdin, true, !terminal,
                terminal);
        return run.run(path + options.toQuery(), stdin, terminal);
    }
}
