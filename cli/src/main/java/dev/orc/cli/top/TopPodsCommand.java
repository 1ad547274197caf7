package dev.orc.cli.top;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.cli.ClientOptions;
import dev.orc.cli.output.Table;
import dev.orc.node.stats.StatsSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc top pods [NAME] [-n NS | -A] [--containers]}: CPU and memory per pod, summed over its containers. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc top pods", "  orc top pods -A --containers"},
        name = "pods", aliases = {"pod", "po"}, description = "Show live CPU and memory use of pods.")
final class TopPodsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Only this pod.")
    String name;

    @Option(names = {"-A", "--all-namespaces"}, description = "Pods of every namespace.")
    boolean allNamespaces;

    @Option(names = "--containers", description = "One line per container.")
    boolean containers;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        NodeStatsReader reader = new NodeStatsReader(client.client());
        List<StatsSummary.PodUsage> pods = new ArrayList<>();
        int failures = 0;
        for (JsonNode node : client.client().listAll(ResourceTypes.NODE, null, ListOptions.all()).path("items")) {
            try {
                reader.read(node).pods().stream()
                        .filter(p -> allNamespaces || p.namespace().equals(client.namespace()))
                        .filter(p -> name == null || p.name().equals(name))
                        .forEach(pods::add);
            } catch (IllegalStateException e) {
                cmd.getErr().println("error: " + e.getMessage());
                failures++;
            }
        }
        pods.sort(Comparator.comparing(StatsSummary.PodUsage::namespace).thenComparing(StatsSummary.PodUsage::name));
        Table table = new Table();
        List<String> header = new ArrayList<>(List.of("NAME", "CPU(cores)", "MEMORY(bytes)"));
        if (containers) {
            header.addAll(0, List.of("POD"));
        }
        if (allNamespaces) {
            header.addFirst("NAMESPACE");
        }
        table.add(header);
        for (StatsSummary.PodUsage pod : pods) {
            if (containers) {
                pod.containers().forEach(c -> table.add(row(pod, List.of(pod.name(), c.name(),
                        TopCommand.cpu(c.cpuNanoCores()), TopCommand.memory(c.memoryBytes())))));
            } else {
                long cpu = pod.containers().stream().mapToLong(StatsSummary.ContainerUsage::cpuNanoCores).sum();
                long memory = pod.containers().stream().mapToLong(StatsSummary.ContainerUsage::memoryBytes).sum();
                table.add(row(pod, List.of(pod.name(), TopCommand.cpu(cpu), TopCommand.memory(memory))));
            }
        }
        if (pods.isEmpty() && failures == 0) {
            cmd.getErr().println(name == null ? "No resources found" : "error: pod " + name + " has no usage on any node");
            return name == null ? 0 : 1;
        }
        table.lines().forEach(cmd.getOut()::println);
        cmd.getOut().flush();
        return failures == 0 ? 0 : 1;
    }

    private List<String> row(StatsSummary.PodUsage pod, List<String> cells) {
        List<String> row = new ArrayList<>(cells);
        if (allNamespaces) {
            row.addFirst(pod.namespace());
        }
        return row;
    }
}
