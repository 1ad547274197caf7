package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code orc rollout pause deployment/NAME}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc rollout pause deployment/web"},
        name = "pause", description = "Stop a Deployment's rollouts: template changes wait until it is resumed.")
final class RolloutPauseCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "KIND/NAME", description = "deployment/NAME.")
    String target;

    @Override
    public Integer call() {
        return RolloutPause.set(spec.commandLine(), client, target, true);
    }
}
