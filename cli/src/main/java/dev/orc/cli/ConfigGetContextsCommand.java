package dev.orc.cli;

import dev.orc.api.client.Kubeconfig;
import dev.orc.cli.output.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc config get-contexts [-o name]}: the contexts as kubectl lists them, the current one starred. */
@Command(name = "get-contexts", description = "List the contexts of the client config.",
        footerHeading = "%nExamples:%n",
        footer = {"  orc config get-contexts", "  orc config get-contexts -o name"})
final class ConfigGetContextsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "name: print the names only.")
    String output;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        if (output != null && !output.equals("name")) {
            throw new CommandLine.ParameterException(cmd, "--output must be name, got \"" + output + "\"");
        }
        Kubeconfig config = ConfigFiles.of(spec).merged();
        if (output != null) {
            config.contexts().forEach(c -> cmd.getOut().println(c.name()));
            return 0;
        }
        Table table = new Table().add(List.of("CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"));
        for (Kubeconfig.Context context : config.contexts()) {
            table.add(List.of(context.name().equals(config.currentContext()) ? "*" : "", context.name(),
                    orEmpty(context.cluster()), orEmpty(context.user()), orEmpty(context.namespace())));
        }
        table.lines().forEach(cmd.getOut()::println);
        return 0;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
