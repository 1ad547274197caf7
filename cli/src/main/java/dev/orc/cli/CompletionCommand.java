package dev.orc.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code orc completion bash}: a bash completion script, for {@code source <(orc completion bash)}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  source <(orc completion bash)"},
        name = "completion", description = "Print a shell completion script (bash; zsh through bashcompinit).")
final class CompletionCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "unsupported shell \"" + shell + "\": use bash or zsh");
        }
        CommandLine root = spec.commandLine();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        spec.commandLine().getOut().print(AutoComplete.bash("orc", root));
        return 0;
    }
}
