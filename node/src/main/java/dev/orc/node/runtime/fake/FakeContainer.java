package dev.orc.node.runtime.fake;

import dev.orc.node.runtime.ContainerInfo;
import dev.orc.node.runtime.ContainerSpec;
import dev.orc.node.runtime.ContainerState;
import dev.orc.node.runtime.ContainerSummary;
import dev.orc.node.runtime.ExecResult;
import dev.orc.node.runtime.LogLine;
import dev.orc.node.runtime.LogOptions;
import dev.orc.node.runtime.PortMapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One fake container's state. Not thread-safe: the runtime's lock guards it. */
final class FakeContainer {

    record StoredLine(LogLine.Stream stream, Instant time, String text) {
    }

    final String id;
    final ContainerSpec spec;
    final List<String> argv;
    final FakeProgram program;
    final String imageId;
    final Instant createdAt;
    final Map<List<String>, ExecResult> execResults = new HashMap<>();
    private final List<StoredLine> log = new ArrayList<>();
    private final List<FakeLogFollow> followers = new ArrayList<>();
    private final List<PortServer> servers = new ArrayList<>();
    private ContainerState state = ContainerState.CREATED;
    private int exitCode;
    private boolean oomKilled;
    private Instant startedAt;
    private Instant finishedAt;
    private List<PortMapping> boundPorts = List.of();
    private String ipAddress = "";
    private String netnsOwnerId = "";
    private String startError = "";

    FakeContainer(String id, ContainerSpec spec, List<String> argv, FakeProgram program, String imageId, Instant createdAt) {
        this.id = id;
        this.spec = spec;
        this.argv = List.copyOf(argv);
        this.program = program;
        this.imageId = imageId;
        this.createdAt = createdAt;
    }

    boolean running() {
        return state == ContainerState.RUNNING;
    }

    List<PortMapping> boundPorts() {
        return boundPorts;
    }

    String netnsOwnerId() {
        return netnsOwnerId;
    }

    void started(Instant now, List<PortMapping> ports, List<PortServer> portServers, String ip, String ownerId) {
        netnsOwnerId = ownerId;
        state = ContainerState.RUNNING;
        startedAt = now;
        finishedAt = null;
        exitCode = 0;
        oomKilled = false;
        startError = "";
        boundPorts = List.copyOf(ports);
        servers.addAll(portServers);
        ipAddress = ip;
    }

    /** The start failed: Docker keeps the engine's message in the container's state, and exit code 128. */
    void failedToStart(String message) {
        startError = message;
        exitCode = 128;
    }

    void print(LogLine.Stream stream, String text, Instant now) {
        StoredLine line = new StoredLine(stream, now, text);
        log.add(line);
        followers.removeIf(f -> !f.deliver(line));
    }

    void exited(int code, boolean oom, Instant now) {
        if (!running()) {
            return;
        }
        state = ContainerState.EXITED;
        exitCode = code;
        oomKilled = oom;
        finishedAt = now;
        boundPorts = List.of();
        ipAddress = "";
        closeServers();
        followers.forEach(FakeLogFollow::complete);
        followers.clear();
    }

    void closeServers() {
        servers.forEach(PortServer::close);
        servers.clear();
    }

    /** Delivers the stored lines the options select, and keeps delivering new ones when following a running container. */
    void read(LogOptions options, FakeLogFollow follow) {
        long since = options.since().map(Instant::getEpochSecond).orElse(Long.MIN_VALUE);
        List<StoredLine> selected = log.stream().filter(l -> l.time().getEpochSecond() >= since).toList();
        int skip = options.tailLines().isPresent() ? Math.max(0, selected.size() - options.tailLines().getAsInt()) : 0;
        for (StoredLine line : selected.subList(skip, selected.size())) {
            if (!follow.deliver(line)) {
                return;
            }
        }
        if (options.follow() && running() && !follow.finished()) {
            followers.add(follow);
        } else {
            follow.complete();
        }
    }

    ContainerInfo info() {
        return new ContainerInfo(id, spec.name(), spec.image(), imageId, spec.labels(), state, exitCode, oomKilled,
                Optional.ofNullable(startedAt), Optional.ofNullable(finishedAt), boundPorts, ipAddress,
                spec.networkMode(), startError);
    }

    ContainerSummary summary() {
        return new ContainerSummary(id, spec.name(), spec.image(), spec.labels(), state, createdAt);
    }
}
