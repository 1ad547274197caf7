package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orc rollout status|history|undo|restart|pause|resume KIND/NAME}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc rollout status deployment/web", "  orc rollout undo deployment/web --to-revision 2"},
        name = "rollout", description = "Follow, inspect, undo, restart, pause or resume the rollout of a workload.",
        subcommands = {
                RolloutStatusCommand.class,
                RolloutHistoryCommand.class,
                RolloutUndoCommand.class,
                RolloutRestartCommand.class,
                RolloutPauseCommand.class,
                RolloutResumeCommand.class,
        })
final class RolloutCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: status, history, undo, restart, pause or resume");
    }
}
