package dev.orc.cli;

import dev.orc.api.meta.ResourceType;
import dev.orc.api.openapi.Explanation;
import dev.orc.api.openapi.OpenApiDocuments;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code orc explain TYPE[.field.path] [--recursive]}: the documentation of a kind or of one of its fields, read
 * from the server's OpenAPI v3 document of the kind's group-version, as {@code kubectl explain} reads it.
 */
@Command(name = "explain", description = "Describe the fields of a kind, or of one field of it, from the server's schemas.",
        footerHeading = "%nExamples:%n",
        footer = {"  # a kind and its fields", "  orc explain pods", "",
                "  # one field and the fields inside it", "  orc explain deployment.spec.strategy", "",
                "  # the names and types of every field, without descriptions", "  orc explain pods --recursive"})
public final class ExplainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "TYPE[.FIELD...]",
            description = "A kind (pods, deploy, svc ...), optionally followed by a path of fields: deployment.spec.strategy.")
    String target;

    @Option(names = "--recursive", description = "Print the names and types of every field below, without descriptions.")
    boolean recursive;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        List<String> parts = Arrays.asList(target.split("\\.", -1));
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw new CommandLine.ParameterException(cmd, "\"" + target + "\" is not TYPE or TYPE.FIELD.PATH: a name is empty");
        }
        ResourceType type = Kinds.resolve(cmd, parts.getFirst());
        List<String> fieldPath = parts.subList(1, parts.size());
        cmd.getOut().print(Explanation.of(client.client().openApiV3(OpenApiDocuments.path(type)), type, fieldPath,
                recursive));
        cmd.getOut().flush();
        return 0;
    }
}
