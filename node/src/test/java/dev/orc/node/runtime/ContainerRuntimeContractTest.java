package dev.orc.node.runtime;

import com.sun.net.httpserver.HttpServer;
import dev.orc.node.runtime.fake.FakeProgram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link ContainerRuntime} must do. The commands are real busybox command lines; each
 * comes with the {@link FakeProgram} saying what it does, which the fake runtime is taught and the
 * Docker engine ignores.
 */
public abstract class ContainerRuntimeContractTest {

    protected static final String IMAGE = ImageBuilder.BUSYBOX_IMAGE;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RUN_LABEL = "dev.orc.test.run";
    private static final long MIB = 1024 * 1024;

    protected static final List<String> RUNS_UNTIL_TERM =
            List.of("sh", "-c", "echo first; trap 'exit 0' TERM; while :; do sleep 1 & wait; done");
    protected static final List<String> IGNORES_TERM = List.of("sh", "-c", "trap '' TERM; while :; do sleep 1; done");
    protected static final List<String> EXITS_3 = List.of("sh", "-c", "echo bye; echo oops >&2; exit 3");
    protected static final List<String> PRINTS_LINES = List.of("sh", "-c", "for i in 1 2 3 4 5; do echo line$i; done");
    protected static final List<String> SERVES_HI = List.of("nc", "-ll", "-p", "8080", "-e", "echo", "hi");
    protected static final List<String> FETCHES_LOCALHOST = List.of("nc", "127.0.0.1", "8080");
    protected static final List<String> ALLOCATES_200M = List.of("sh", "-c", "head -c 200m /dev/zero | tail");
    protected static final List<String> SHOWS_SCRATCH_MOUNT = List.of("sh", "-c", "grep ' /scratch ' /proc/mounts");
    protected static final List<String> WRITES_OUT_AND_ERR = List.of("sh", "-c", "echo out; echo err >&2; exit 4");
    protected static final List<String> SLEEPS = List.of("sleep", "30");

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** The runtime under test; shared by the tests of a class. */
    protected abstract ContainerRuntime runtime();

    /** Tells the runtime what a command line does; only the fake needs to be told. */
    protected abstract void teach(List<String> commandLine, FakeProgram whatItDoes);

    /** Makes the registry at host:port reachable; only the fake needs to be told. */
    protected abstract void registryReachable(String hostAndPort);

    @BeforeEach
    void teachCommands() {
        teach(RUNS_UNTIL_TERM, FakeProgram.runsForever().printing("first").onTerm(0));
        teach(IGNORES_TERM, FakeProgram.runsForever());
        teach(EXITS_3, FakeProgram.exits(3).printing("bye").printingErr("oops"));
        teach(PRINTS_LINES, FakeProgram.exits(0).printing("line1", "line2", "line3", "line4", "line5"));
        teach(SERVES_HI, FakeProgram.runsForever().serving(8080, "hi"));
        teach(FETCHES_LOCALHOST, FakeProgram.exits(0).fetching(8080));
        teach(ALLOCATES_200M, FakeProgram.exits(0).allocating(200 * MIB));
        teach(SHOWS_SCRATCH_MOUNT, FakeProgram.exits(0).printing("tmpfs /scratch tmpfs rw,nosuid,nodev,noexec,relatime,size=1024k 0 0"));
        teach(WRITES_OUT_AND_ERR, FakeProgram.exits(4).printing("out").printingErr("err"));
        teach(SLEEPS, FakeProgram.runsForever());
        teach(ImageBuilder.PAUSE_COMMAND, FakeProgram.runsForever().onTerm(0));
    }

    @AfterEach
    void removeContainers() {
        for (ContainerSummary c : runtime().list(Map.of(RUN_LABEL, run))) {
            runtime().remove(c.id());
        }
    }

    protected ContainerSpec.Builder container(String suffix, List<String> command) {
        return ContainerSpec.builder("orc-ct-" + run + "-" + suffix, IMAGE).command(command).putLabel(RUN_LABEL, run);
    }

    private String started(ContainerSpec spec) {
        String id = runtime().create(spec);
        runtime().start(id);
        return id;
    }

    protected ContainerInfo awaitExit(String id) {
        await().atMost(WAIT).until(() -> runtime().inspect(id).state() == ContainerState.EXITED);
        return runtime().inspect(id);
    }

    protected List<LogLine> logs(String id, LogOptions options) {
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        try (LogFollow follow = runtime().logs(id, options, lines::add)) {
            assertThat(follow.await(WAIT)).as("log read finished").isTrue();
        }
        return lines;
    }

    protected static List<String> texts(List<LogLine> lines) {
        return lines.stream().map(LogLine::text).toList();
    }

    @Test
    void createdContainerRunsAndStopsAndIsRemoved() {
        String id = runtime().create(container("life", RUNS_UNTIL_TERM).build());
        ContainerInfo created = runtime().inspect(id);
        assertThat(created.state()).isEqualTo(ContainerState.CREATED);
        assertThat(created.startedAt()).isEmpty();
        assertThat(created.labels()).containsEntry(RUN_LABEL, run);
        assertThat(created.imageId()).isNotBlank();

        runtime().start(id);
        ContainerInfo running = runtime().inspect("orc-ct-" + run + "-life");
        assertThat(running.id()).isEqualTo(id);
        assertThat(running.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(running.startedAt()).isPresent();
        assertThat(running.ipAddress()).isNotBlank();

        runtime().stop(id, Duration.ofSeconds(10));
        ContainerInfo stopped = runtime().inspect(id);
        assertThat(stopped.state()).isEqualTo(ContainerState.EXITED);
        assertThat(stopped.exitCode()).isZero();
        assertThat(stopped.finishedAt()).isPresent();

        runtime().remove(id);
        assertThatThrownBy(() -> runtime().inspect(id)).isInstanceOf(ContainerNotFoundException.class);
    }

    @Test
    void exitCodeOfAFinishedContainerIsReported() {
        String id = started(container("exit", EXITS_3).build());
        ContainerInfo info = awaitExit(id);
        assertThat(info.exitCode()).isEqualTo(3);
        assertThat(info.oomKilled()).isFalse();
    }

    @Test
    void listReturnsOnlyContainersCarryingEveryLabelOfTheFilter() {
        String a = runtime().create(container("a", RUNS_UNTIL_TERM).putLabel("pod", "a").build());
        String b = runtime().create(container("b", RUNS_UNTIL_TERM).putLabel("pod", "b").build());
        assertThat(runtime().list(Map.of(RUN_LABEL, run, "pod", "a"))).extracting(ContainerSummary::id).containsExactly(a);
        assertThat(runtime().list(Map.of(RUN_LABEL, run))).extracting(ContainerSummary::id).containsExactlyInAnyOrder(a, b);
        assertThat(runtime().list(Map.of(RUN_LABEL, run, "pod", "c"))).isEmpty();
    }

    @Test
    void aSecondContainerOfTheSameNameIsAConflict() {
        runtime().create(container("twice", RUNS_UNTIL_TERM).build());
        assertThatThrownBy(() -> runtime().create(container("twice", RUNS_UNTIL_TERM).build()))
                .isInstanceOf(ContainerConflictException.class);
    }

    @Test
    void unknownContainerIsNotFound() {
        assertThatThrownBy(() -> runtime().inspect("orc-ct-" + run + "-nothing")).isInstanceOf(ContainerNotFoundException.class)
                .hasMessageContaining("orc-ct-" + run + "-nothing");
        assertThatThrownBy(() -> runtime().start("orc-ct-" + run + "-nothing")).isInstanceOf(ContainerNotFoundException.class);
    }

    @Test
    void creatingFromAMissingImageFailsNamingTheImage() {
        ContainerSpec spec = ContainerSpec.builder("orc-ct-" + run + "-noimage", "orc/not-there:1").putLabel(RUN_LABEL, run).build();
        assertThatThrownBy(() -> runtime().create(spec)).isInstanceOf(ContainerRuntimeException.class)
                .hasMessageContaining("orc/not-there:1");
    }

    @Test
    void publishedPortAnswersOnLoopback() throws IOException {
        String id = started(container("web", SERVES_HI).addPort(PortMapping.tcp("127.0.0.1", 0, 8080)).build());
        int hostPort = runtime().inspect(id).hostPort(8080, PortMapping.Protocol.TCP).orElseThrow();
        assertThat(hostPort).isPositive();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(readFrom(hostPort)).isEqualTo("hi\n"));
    }

    @Test
    void aStartThatFailsLeavesTheEnginesErrorOnTheNeverStartedContainer() {
        String first = started(container("port-a", SERVES_HI).addPort(PortMapping.tcp("127.0.0.1", 0, 8080)).build());
        int hostPort = runtime().inspect(first).hostPort(8080, PortMapping.Protocol.TCP).orElseThrow();
        String second = runtime().create(container("port-b", SERVES_HI)
                .addPort(PortMapping.tcp("127.0.0.1", hostPort, 8080)).build());

        assertThatThrownBy(() -> runtime().start(second)).isInstanceOf(RuntimeException.class);

        ContainerInfo failed = runtime().inspect(second);
        assertThat(failed.state()).isNotEqualTo(ContainerState.RUNNING);
        assertThat(failed.startedAt()).isEmpty();
        assertThat(failed.error()).isNotBlank();
    }

    @Test
    void aHostPortTakenByAnySocketOfThisHostFailsTheStartSayingSo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String id = runtime().create(container("port-taken", SERVES_HI)
                    .addPort(PortMapping.tcp("127.0.0.1", taken.getLocalPort(), 8080)).build());

            assertThatThrownBy(() -> runtime().start(id)).isInstanceOf(HostPortInUseException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }

    private static String readFrom(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            socket.setSoTimeout(5000);
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void containerJoiningAnotherNetworkNamespaceReachesItOnLoopback() {
        String server = started(container("server", SERVES_HI).build());
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            String client = started(container("client-" + UUID.randomUUID().toString().substring(0, 4), FETCHES_LOCALHOST)
                    .networkMode(NetworkMode.container(server)).build());
            ContainerInfo info = awaitExit(client);
            assertThat(info.exitCode()).isZero();
            assertThat(texts(logs(client, LogOptions.all()))).containsExactly("hi");
            assertThat(info.networkMode()).isEqualTo(NetworkMode.container(server));
        });
    }

    @Test
    void memoryLimitOomKillsAContainerAllocatingMore() {
        String id = started(container("oom", ALLOCATES_200M).resources(new Resources(32 * MIB, 0, 64)).build());
        ContainerInfo info = awaitExit(id);
        assertThat(info.oomKilled()).isTrue();
        assertThat(info.exitCode()).isEqualTo(137);
    }

    @Test
    void containerTrappingTermExitsCleanlyOnStop() {
        String id = started(container("trap", RUNS_UNTIL_TERM).build());
        runtime().stop(id, Duration.ofSeconds(20));
        assertThat(runtime().inspect(id).exitCode()).isZero();
    }

    @Test
    void containerIgnoringTermIsKilledOnceTheGracePeriodIsOver() {
        String id = started(container("stubborn", IGNORES_TERM).build());
        runtime().stop(id, Duration.ofSeconds(1));
        ContainerInfo info = runtime().inspect(id);
        assertThat(info.state()).isEqualTo(ContainerState.EXITED);
        assertThat(info.exitCode()).isEqualTo(137);
    }

    @Test
    void killDeliversTheSignal() {
        String trapping = started(container("term", RUNS_UNTIL_TERM).build());
        runtime().kill(trapping, "TERM");
        assertThat(awaitExit(trapping).exitCode()).isZero();

        String stubborn = started(container("kill", IGNORES_TERM).build());
        runtime().kill(stubborn, "KILL");
        assertThat(awaitExit(stubborn).exitCode()).isEqualTo(137);
    }

    @Test
    void logsSeparateStdoutFromStderr() {
        String id = started(container("streams", EXITS_3).build());
        awaitExit(id);
        assertThat(logs(id, LogOptions.all())).containsExactlyInAnyOrder(LogLine.stdout("bye"), LogLine.stderr("oops"));
    }

    @Test
    void logsTailGivesTheLastLinesAndTimestampsWhenAsked() {
        String id = started(container("lines", PRINTS_LINES).build());
        awaitExit(id);
        assertThat(texts(logs(id, LogOptions.all()))).containsExactly("line1", "line2", "line3", "line4", "line5");
        assertThat(texts(logs(id, LogOptions.all().withTailLines(2)))).containsExactly("line4", "line5");
        List<LogLine> stamped = logs(id, LogOptions.all().withTimestamps(true));
        assertThat(stamped).hasSize(5).allSatisfy(line -> assertThat(line.timestamp()).isPresent());
        assertThat(logs(id, LogOptions.all())).allSatisfy(line -> assertThat(line.timestamp()).isEmpty());
    }

    @Test
    void logsStopAtTheByteLimit() {
        String id = started(container("limit", PRINTS_LINES).build());
        awaitExit(id);
        assertThat(texts(logs(id, LogOptions.all().withLimitBytes(12)))).containsExactly("line1", "line2");
    }

    @Test
    void followedLogsEndWhenTheContainerStops() {
        String id = started(container("follow", RUNS_UNTIL_TERM).build());
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        try (LogFollow follow = runtime().logs(id, LogOptions.all().withFollow(true), lines::add)) {
            await().atMost(WAIT).until(() -> texts(lines).contains("first"));
            assertThat(follow.await(Duration.ofMillis(50))).as("still following a running container").isFalse();
            runtime().stop(id, Duration.ofSeconds(20));
            assertThat(follow.await(WAIT)).isTrue();
        }
    }

    @Test
    void execReturnsExitCodeAndBothOutputs() {
        String id = started(container("exec", RUNS_UNTIL_TERM).build());
        ExecResult result = runtime().exec(id, WRITES_OUT_AND_ERR, WAIT);
        assertThat(result).isEqualTo(new ExecResult(4, "out\n", "err\n"));
    }

    @Test
    void anAttachedExecStreamsBothOutputsThenTellsTheExitCode() throws InterruptedException {
        String id = started(container("attached", RUNS_UNTIL_TERM).build());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        try (AttachedProcess process = runtime().execAttached(id, WRITES_OUT_AND_ERR, false, true,
                (stderr, bytes) -> (stderr ? err : out).writeBytes(bytes))) {
            closeQuietly(process.stdin());
            assertThat(process.awaitExit()).isEqualTo(4);
        }

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("out\n");
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("err\n");
    }

    private static void closeQuietly(java.io.OutputStream stdin) {
        try {
            stdin.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void execNotFinishingInTimeFails() {
        String id = started(container("slowexec", RUNS_UNTIL_TERM).build());
        assertThatThrownBy(() -> runtime().exec(id, SLEEPS, Duration.ofMillis(500)))
                .isInstanceOf(RuntimeTimeoutException.class).hasMessageContaining("sleep");
    }

    @Test
    void tmpfsMountHasTheRequestedSize() {
        String id = started(container("tmpfs", SHOWS_SCRATCH_MOUNT).addMount(new Mount.Tmpfs("/scratch", MIB)).build());
        assertThat(awaitExit(id).exitCode()).isZero();
        assertThat(texts(logs(id, LogOptions.all()))).singleElement().asString().contains("tmpfs", "size=1024k");
    }

    @Test
    void statsOfARunningContainerShowMemoryInUse() {
        String id = started(container("stats", RUNS_UNTIL_TERM).resources(new Resources(64 * MIB, 500_000_000, 0)).build());
        ContainerStats stats = runtime().stats(id);
        assertThat(stats.memoryUsageBytes()).isPositive();
        assertThat(stats.memoryLimitBytes()).isEqualTo(64 * MIB);
        assertThat(stats.cpuUsageNanos()).isNotNegative();
    }

    @Test
    void pauseImageHoldsUntilTermAndThenExitsCleanly() {
        ContainerSpec spec = ContainerSpec.builder("orc-ct-" + run + "-pause", ImageBuilder.PAUSE_IMAGE)
                .putLabel(RUN_LABEL, run).build();
        String id = started(spec);
        assertThat(runtime().inspect(id).running()).isTrue();
        runtime().stop(id, Duration.ofSeconds(20));
        assertThat(runtime().inspect(id).exitCode()).isZero();
    }

    @Test
    void versionNamesEngineAndApi() {
        RuntimeVersion version = runtime().version();
        assertThat(version.version()).isNotBlank();
        assertThat(version.apiVersion()).isNotBlank();
    }

    @Test
    void builtImagesAreListedAndPresentForEveryPolicyButAlways() {
        assertThat(runtime().listImages()).flatExtracting(ImageInfo::tags).contains(IMAGE, ImageBuilder.PAUSE_IMAGE);
        assertThat(runtime().ensureImage(IMAGE, PullPolicy.IF_NOT_PRESENT).tags()).contains(IMAGE);
        assertThat(runtime().ensureImage(IMAGE, PullPolicy.NEVER).tags()).contains(IMAGE);
    }

    @Test
    void missingImageWithPolicyNeverIsNotPulled() {
        assertThatThrownBy(() -> runtime().ensureImage("orc/not-there:1", PullPolicy.NEVER))
                .isInstanceOfSatisfying(ImagePullException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImagePullException.Reason.NEVER_PULL))
                .hasMessageContaining("orc/not-there:1");
    }

    @Test
    void pullFromAnUnreachableRegistryFailsSayingSo() {
        assertThatThrownBy(() -> runtime().ensureImage("127.0.0.1:1/orc/nothing:1", PullPolicy.IF_NOT_PRESENT))
                .isInstanceOfSatisfying(ImagePullException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImagePullException.Reason.REGISTRY_UNREACHABLE))
                .hasMessageContaining("127.0.0.1:1/orc/nothing:1");
    }

    @Test
    void pullOfAnImageTheRegistryDoesNotHaveFailsAsNotFound() throws IOException {
        HttpServer registry = EmptyRegistry.start();
        try {
            String host = "127.0.0.1:" + registry.getAddress().getPort();
            registryReachable(host);
            assertThatThrownBy(() -> runtime().ensureImage(host + "/orc/nothing:1", PullPolicy.ALWAYS))
                    .isInstanceOfSatisfying(ImagePullException.class,
                            e -> assertThat(e.reason()).isEqualTo(ImagePullException.Reason.NOT_FOUND));
        } finally {
            registry.stop(0);
        }
    }
}
