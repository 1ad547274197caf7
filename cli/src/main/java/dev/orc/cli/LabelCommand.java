package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc label KIND NAME... KEY=VALUE... KEY-... [--overwrite]}. */
@Command(name = "label", description = "Set or remove labels of objects.",
        footerHeading = "%nExamples:%n",
        footer = {"  # label pod web with tier=frontend", "  orc label pods web tier=frontend", "",
                "  # change a label that has a value already", "  orc label deploy/web tier=backend --overwrite", "",
                "  # remove the label tier", "  orc label pod web tier-"})
final class LabelCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "ARG", arity = "1..*",
            description = "KIND NAME... or KIND/NAME..., then KEY=VALUE to set and KEY- to remove.")
    List<String> args;

    @Option(names = "--overwrite", description = "Replace a label's value when it has one already.")
    boolean overwrite;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        return MetadataEdit.run(cmd, client, MetadataChanges.parse(cmd, "labels", args), overwrite, "labeled");
    }
}
