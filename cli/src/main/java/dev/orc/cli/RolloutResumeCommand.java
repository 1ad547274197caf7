package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code orc rollout resume deployment/NAME}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc rollout resume deployment/web"},
        name = "resume", description = "Let a paused Deployment roll out again.")
final class RolloutResumeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "KIND/NAME", description = "deployment/NAME.")
    String target;

    @Override
    public Integer call() {
        return RolloutPause.set(spec.commandLine(), client, target, false);
    }
}
