package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc annotate KIND NAME... KEY=VALUE... KEY-... [--overwrite]}. */
@Command(name = "annotate", description = "Set or remove annotations of objects.",
        footerHeading = "%nExamples:%n",
        footer = {"  # annotate pod web with owner=team-a", "  orc annotate pods web owner=team-a", "",
                "  # change an annotation that has a value already", "  orc annotate deploy/web owner=team-b --overwrite", "",
                "  # remove the annotation owner", "  orc annotate pod web owner-"})
final class AnnotateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "ARG", arity = "1..*",
            description = "KIND NAME... or KIND/NAME..., then KEY=VALUE to set and KEY- to remove.")
    List<String> args;

    @Option(names = "--overwrite", description = "Replace an annotation's value when it has one already.")
    boolean overwrite;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        return MetadataEdit.run(cmd, client, MetadataChanges.parse(cmd, "annotations", args), overwrite, "annotated");
    }
}
