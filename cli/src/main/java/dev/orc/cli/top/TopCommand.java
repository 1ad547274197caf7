package dev.orc.cli.top;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code orc top pods|nodes}: live CPU and memory, read from each node agent's {@code /stats/summary}
 * (see {@link NodeStatsReader}); CPU in millicores averaged over the agent's last sampling interval.
 */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc top pods", "  orc top nodes"},
        name = "top", description = "Show live CPU and memory use of pods or nodes.",
        subcommands = {TopPodsCommand.class, TopNodesCommand.class})
public final class TopCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "what to show is required: pods or nodes");
    }

    static String cpu(long nanoCores) {
        return Math.round(nanoCores / 1e6) + "m";
    }

    static String memory(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0)) + "Mi";
    }
}
