package dev.orc.cli.top;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.cli.ClientOptions;
import dev.orc.cli.output.Table;
import dev.orc.node.stats.StatsSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc top nodes}: each node's CPU (cores and % of its cores) and memory (bytes and % of its memory). */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc top nodes"},
        name = "nodes", aliases = {"node", "no"}, description = "Show live CPU and memory use of nodes.")
final class TopNodesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        NodeStatsReader reader = new NodeStatsReader(client.client());
        Table table = new Table().add(List.of("NAME", "CPU(cores)", "CPU%", "MEMORY(bytes)", "MEMORY%"));
        int failures = 0;
        for (JsonNode node : client.client().listAll(ResourceTypes.NODE, null, ListOptions.all()).path("items")) {
            try {
                StatsSummary.NodeUsage usage = reader.read(node).node();
                table.add(List.of(node.path("metadata").path("name").asText(), TopCommand.cpu(usage.cpuNanoCores()),
                        percent(usage.cpuNanoCores(), usage.cpuCapacityCores() * 1_000_000_000L),
                        TopCommand.memory(usage.memoryBytes()),
                        percent(usage.memoryBytes(), usage.memoryCapacityBytes())));
            } catch (IllegalStateException e) {
                cmd.getErr().println("error: " + e.getMessage());
                failures++;
            }
        }
        table.lines().forEach(cmd.getOut()::println);
        cmd.getOut().flush();
        return failures == 0 ? 0 : 1;
    }

    private static String percent(long used, long capacity) {
        return capacity <= 0 ? "<unknown>" : Math.round(100.0 * used / capacity) + "%";
    }
}
