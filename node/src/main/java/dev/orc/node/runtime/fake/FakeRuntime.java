package dev.orc.node.runtime.fake;

import dev.orc.node.runtime.AttachedProcess;
import dev.orc.node.runtime.ContainerConflictException;
import dev.orc.node.runtime.ContainerInfo;
import dev.orc.node.runtime.ContainerNotFoundException;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.ContainerSpec;
import dev.orc.node.runtime.ContainerStats;
import dev.orc.node.runtime.ContainerSummary;
import dev.orc.node.runtime.ExecResult;
import dev.orc.node.runtime.ImageBuild;
import dev.orc.node.runtime.ImageInfo;
import dev.orc.node.runtime.LogFollow;
import dev.orc.node.runtime.LogLine;
import dev.orc.node.runtime.LogOptions;
import dev.orc.node.runtime.LogSink;
import dev.orc.node.runtime.ProcessOutput;
import dev.orc.node.runtime.PullPolicy;
import dev.orc.node.runtime.RuntimeTimeoutException;
import dev.orc.node.runtime.RuntimeUnavailableException;
import dev.orc.node.runtime.RuntimeVersion;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory container runtime for tests and simulated nodes. Deterministic (ids, addresses and
 * allocated ports come from counters; times from the injected clock), thread-safe (one lock), and
 * cheap: a container is a few objects, and only a program that {@link FakeProgram#serving serves}
 * a published port opens a real loopback socket.
 *
 * <p>What a container does is the {@link FakeProgram} taught for its command line with
 * {@link #program}; unknown command lines run forever. Tests script a running container with
 * {@link #exit}, {@link #oomKill} and {@link #execResult}. Log sinks are called under the lock.
 */
public final class FakeRuntime implements ContainerRuntime {

    private static final int KILLED = 137;
    private static final long NODE_MEMORY = 8L * 1024 * 1024 * 1024;

    private final Clock clock;
    private final FakeImages images = new FakeImages();
    private final Map<List<String>, FakeProgram> programs = new HashMap<>();
    private final Map<String, FakeContainer> containers = new LinkedHashMap<>();
    private final FakeNetwork network = new FakeNetwork();
    /** Why the engine does not answer, as a stopped Docker daemon does not; null while it answers. */
    private volatile String down;
    private long nextId = 1;
    private Optional<String> gateway = Optional.empty();

    public FakeRuntime(Clock clock) {
        this.clock = clock;
    }

    /** Teaches what a command line (entrypoint then command, as the container would run it) does. */
    public synchronized FakeRuntime program(List<String> commandLine, FakeProgram program) {
        programs.put(List.copyOf(commandLine), program);
        return this;
    }

    /** Makes an image present, as if pulled long ago. */
    public synchronized FakeRuntime addImage(String image) {
        images.add(image);
        return this;
    }

    /** Puts an image into a reachable registry, so a pull of it succeeds. */
    public synchronized FakeRuntime publishImage(String image) {
        images.publish(image);
        return this;
    }

    /** Makes a registry reachable (it has only the images published to it). */
    public synchronized FakeRuntime reachableRegistry(String registry) {
        images.reachable(registry);
        return this;
    }

    /** The container's main process exits now with the code (a crash when non-zero). */
    public synchronized void exit(String idOrName, int code) {
        find(idOrName).exited(code, false, clock.instant());
    }

    /** The container is OOM-killed now. */
    public synchronized void oomKill(String idOrName) {
        find(idOrName).exited(KILLED, true, clock.instant());
    }

    /** What running the command in the container returns from now on (e.g. a readiness probe). */
    public synchronized void execResult(String idOrName, List<String> command, ExecResult result) {
        find(idOrName).execResults.put(List.copyOf(command), result);
    }

    @Override
    public RuntimeVersion version() {
        String reason = down;
        if (reason != null) {
            throw new RuntimeUnavailableException(reason, null);
        }
        return new RuntimeVersion("fake", "1.0.0", "1.41", "linux", "amd64", "fake");
    }

    /** The engine stops answering (its version call fails with {@code reason}) until {@link #comeBack()}. */
    public void goDown(String reason) {
        down = reason;
    }

    public void comeBack() {
        down = null;
    }

    @Override
    public synchronized List<ImageInfo> listImages() {
        return images.list();
    }

    @Override
    public synchronized ImageInfo ensureImage(String image, PullPolicy policy) {
        return images.ensure(image, policy);
    }

    @Override
    public synchronized ImageInfo buildImage(ImageBuild build) {
        return images.build(build);
    }

    @Override
    public synchronized String create(ContainerSpec spec) {
        FakeImages.Image image = images.find(spec.image()).orElseThrow(() -> new ContainerRuntimeException(
                "cannot create container '" + spec.name() + "': No such image: " + spec.image()));
        if (containers.values().stream().anyMatch(c -> c.spec.name().equals(spec.name()))) {
            throw new ContainerConflictException("cannot create container '" + spec.name()
                    + "': the name is already in use");
        }
        List<String> entrypoint = spec.entrypoint().isEmpty() ? image.entrypoint() : spec.entrypoint();
        List<String> command = !spec.command().isEmpty() ? spec.command()
                : spec.entrypoint().isEmpty() ? image.command() : List.of();
        List<String> argv = new ArrayList<>(entrypoint);
        argv.addAll(command);
        String id = String.format("%064x", nextId++);
        FakeProgram program = programs.getOrDefault(argv, FakeProgram.runsForever());
        containers.put(id, new FakeContainer(id, spec, argv, program, image.info().id(), clock.instant()));
        return id;
    }

    @Override
    public synchronized void start(String idOrName) {
        FakeContainer c = find(idOrName);
        if (c.running()) {
            return;
        }
        FakeContainer netnsOwner = c;
        if (c.spec.networkMode().joinsContainer()) {
            netnsOwner = find(c.spec.networkMode().joinedContainer());
            if (!netnsOwner.running()) {
                throw new ContainerConflictException("cannot start container '" + idOrName
                        + "': cannot join network of a non running container " + netnsOwner.id);
            }
        }
        try {
            network.start(c, netnsOwner, containers.values(), clock.instant());
        } catch (RuntimeException e) {
            c.failedToStart(e.getMessage());
            throw e;
        }
        run(c, netnsOwner);
    }

    private void run(FakeContainer c, FakeContainer netnsOwner) {
        FakeProgram p = c.program;
        long limit = c.spec.resources().memoryBytes();
        if (limit > 0 && p.allocatesBytes() > limit) {
            c.exited(KILLED, true, clock.instant());
            return;
        }
        p.output().forEach(line -> c.print(line.stream(), line.text(), clock.instant()));
        if (p.fetches().isPresent()) {
            Optional<String> answer = network.answer(netnsOwner, p.fetches().getAsInt(), containers.values());
            answer.ifPresentOrElse(a -> c.print(LogLine.Stream.STDOUT, a, clock.instant()),
                    () -> c.print(LogLine.Stream.STDERR, "nc: can't connect to remote host (127.0.0.1): Connection refused", clock.instant()));
            c.exited(answer.isPresent() ? 0 : 1, false, clock.instant());
            return;
        }
        p.exitCode().ifPresent(code -> c.exited(code, false, clock.instant()));
    }

    @Override
    public synchronized void stop(String idOrName, Duration gracePeriod) {
        FakeContainer c = find(idOrName);
        if (c.running()) {
            c.exited(c.program.termExitCode().orElse(KILLED), false, clock.instant());
        }
    }

    @Override
    public synchronized void kill(String idOrName, String signal) {
        FakeContainer c = find(idOrName);
        if (!c.running()) {
            throw new ContainerConflictException("cannot send " + signal + " to container '" + idOrName + "': it is not running");
        }
        String name = signal.toUpperCase().replaceFirst("^SIG", "");
        if (name.equals("KILL") || name.equals("9")) {
            c.exited(KILLED, false, clock.instant());
        } else if (name.equals("TERM") || name.equals("15")) {
            c.program.termExitCode().ifPresent(code -> c.exited(code, false, clock.instant()));
        }
    }

    @Override
    public synchronized void remove(String idOrName) {
        FakeContainer c = find(idOrName);
        c.exited(KILLED, false, clock.instant());
        containers.remove(c.id);
    }

    @Override
    public synchronized List<ContainerSummary> list(Map<String, String> labelFilter) {
        return containers.values().stream()
                .filter(c -> c.spec.labels().entrySet().containsAll(labelFilter.entrySet()))
                .map(FakeContainer::summary)
                .toList();
    }

    @Override
    public synchronized ContainerInfo inspect(String idOrName) {
        return find(idOrName).info();
    }

    @Override
    public synchronized LogFollow logs(String idOrName, LogOptions options, LogSink sink) {
        FakeLogFollow follow = new FakeLogFollow(sink, options.timestamps(), options.limitBytes());
        find(idOrName).read(options, follow);
        return follow;
    }

    @Override
    public synchronized ContainerStats stats(String idOrName) {
        FakeContainer c = find(idOrName);
        if (!c.running()) {
            return new ContainerStats(0, 0, 0);
        }
        long limit = c.spec.resources().memoryBytes() > 0 ? c.spec.resources().memoryBytes() : NODE_MEMORY;
        long cpu = Duration.between(c.info().startedAt().orElseThrow(), clock.instant()).toNanos() / 100;
        return new ContainerStats(Math.max(0, cpu), c.program.memoryUsageBytes(), limit);
    }

    @Override
    public synchronized ExecResult exec(String idOrName, List<String> command, Duration timeout) {
        FakeContainer c = find(idOrName);
        if (!c.running()) {
            throw new ContainerConflictException("cannot exec in container '" + idOrName + "': it is not running");
        }
        ExecResult scripted = c.execResults.get(command);
        if (scripted != null) {
            return scripted;
        }
        FakeProgram p = programs.get(command);
        if (p == null) {
            return new ExecResult(127, "", "sh: " + command.getFirst() + ": not found\n");
        }
        if (p.exitCode().isEmpty()) {
            throw new RuntimeTimeoutException("command " + command + " in container '" + idOrName
                    + "' did not finish within " + timeout);
        }
        return new ExecResult(p.exitCode().getAsInt(), text(p, LogLine.Stream.STDOUT), text(p, LogLine.Stream.STDERR));
    }

    /** As {@link #exec}: the scripted output at once, then the exit code; input is read and dropped. */
    @Override
    public AttachedProcess execAttached(String idOrName, List<String> command, boolean tty, boolean stdin,
                                        ProcessOutput output) {
        ExecResult result = exec(idOrName, command, Duration.ZERO);
        if (!result.stdout().isEmpty()) {
            output.write(false, result.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (!result.stderr().isEmpty()) {
            output.write(!tty, result.stderr().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new FinishedProcess(result.exitCode());
    }

    /** A running fake container's process has no streams to join: the attach ends at once, the container running. */
    @Override
    public synchronized AttachedProcess attach(String idOrName, boolean stdin, ProcessOutput output) {
        FakeContainer c = find(idOrName);
        if (!c.running()) {
            throw new ContainerConflictException("cannot attach to container '" + idOrName + "': it is not running");
        }
        return new FinishedProcess(-1);
    }

    private record FinishedProcess(int exitCode) implements AttachedProcess {
        @Override
        public java.io.OutputStream stdin() {
            return java.io.OutputStream.nullOutputStream();
        }

        @Override
        public void resize(int width, int height) {
        }

        @Override
        public int awaitExit() {
            return exitCode;
        }

        @Override
        public void close() {
        }
    }

    /** What {@link #gatewayAddress()} answers from now on. */
    public synchronized FakeRuntime gateway(String address) {
        gateway = Optional.of(address);
        return this;
    }

    @Override
    public synchronized Optional<String> gatewayAddress() {
        return gateway;
    }

    /** How the container was created. */
    public synchronized ContainerSpec spec(String idOrName) {
        return find(idOrName).spec;
    }

    @Override
    public synchronized void close() {
        containers.values().forEach(FakeContainer::closeServers);
    }

    private static String text(FakeProgram p, LogLine.Stream stream) {
        StringBuilder s = new StringBuilder();
        p.output().stream().filter(l -> l.stream() == stream).forEach(l -> s.append(l.text()).append('\n'));
        return s.toString();
    }

    private FakeContainer find(String idOrName) {
        FakeContainer byId = containers.get(idOrName);
        if (byId != null) {
            return byId;
        }
        List<FakeContainer> matches = containers.values().stream()
                .filter(c -> c.spec.name().equals(idOrName) || (idOrName.length() >= 4 && c.id.startsWith(idOrName)))
                .toList();
        if (matches.size() != 1) {
            throw new ContainerNotFoundException(idOrName);
        }
        return matches.getFirst();
    }
}
