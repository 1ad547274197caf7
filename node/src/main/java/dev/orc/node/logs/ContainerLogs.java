package dev.orc.node.logs;

import dev.orc.node.pod.ContainerRole;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ContainerSummary;
import dev.orc.node.runtime.LogFollow;
import dev.orc.node.runtime.LogLine;
import dev.orc.node.runtime.LogSink;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Finds the container a log request means (current or previous attempt) and reads its log. */
public final class ContainerLogs {

    private final ContainerRuntime runtime;
    private final String nodeName;
    private final Clock clock;

    public ContainerLogs(ContainerRuntime runtime, String nodeName, Clock clock) {
        this.runtime = runtime;
        this.nodeName = nodeName;
        this.clock = clock;
    }

    /**
     * Starts delivering the log lines, formatted as {@code kubectl logs} prints them, to the sink.
     *
     * @throws NoSuchElementException with a message for a person when there is no such container
     */
    public LogFollow open(LogRequest request, java.util.function.Consumer<String> lines) {
        ContainerSummary container = find(request);
        LogSink sink = line -> lines.accept(format(line));
        return runtime.logs(container.id(), request.options(clock), sink);
    }

    private ContainerSummary find(LogRequest request) {
        List<ContainerSummary> ofPod = runtime.list(Map.of(PodLabels.NODE, nodeName,
                PodLabels.POD_NAMESPACE, request.namespace(), PodLabels.POD_NAME, request.pod()));
        String what = "pod \"" + request.pod() + "\" in namespace \"" + request.namespace() + "\"";
        List<String> names = ofPod.stream().filter(c -> !ContainerRole.INFRA.label().equals(c.labels().get(PodLabels.ROLE)))
                .filter(c -> !ContainerRole.INIT.label().equals(c.labels().get(PodLabels.ROLE)))
                .map(c -> c.labels().get(PodLabels.CONTAINER_NAME)).distinct().sorted().toList();
        String name = request.container().orElseGet(() -> {
            if (names.size() == 1) {
                return names.getFirst();
            }
            throw new NoSuchElementException(names.isEmpty() ? what + " has no containers on this node"
                    : "a container name must be specified for " + what + ", choose one of: " + names);
        });
        List<ContainerSummary> attempts = ofPod.stream()
                .filter(c -> name.equals(c.labels().get(PodLabels.CONTAINER_NAME)))
                .sorted(Comparator.comparingInt((ContainerSummary c) -> restartCount(c)).reversed())
                .toList();
        int index = request.previous() ? 1 : 0;
        if (attempts.size() <= index) {
            throw new NoSuchElementException((request.previous() ? "previous terminated container \"" : "container \"")
                    + name + "\" in " + what + (request.previous() ? " not found" : " is not available"));
        }
        return attempts.get(index);
    }

    private static int restartCount(ContainerSummary c) {
        try {
            return Integer.parseInt(c.labels().getOrDefault(PodLabels.RESTART_COUNT, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String format(LogLine line) {
        return line.timestamp().map(t -> DateTimeFormatter.ISO_INSTANT.format(t) + " " + line.text()).orElse(line.text());
    }
}
