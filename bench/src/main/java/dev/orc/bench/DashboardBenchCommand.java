package dev.orc.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc bench dashboard}: the web dashboard's tree at 1,000 pods, in headless Chromium over HTTP/2. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Measure the web dashboard: orc up --no-node --no-git in a child process on TLS (so the browser"
                + " speaks HTTP/2), --deployments Deployments of --replicas pods each in namespace " + DashboardFleet.NAMESPACE
                + " (Pending: there is no node), and headless Chromium (Debian's chromium and chromedriver) logged in with"
                + " a one-time link. Prints: the tree's first load, from navigation to every pod drawn, --loads times;"
                + " a pod's status change shown on the page after the write, --changes times; and the server's CPU over"
                + " --idle-seconds without a dashboard, then with --dashboards browsers open on the tree, each window once the"
                + " server is at rest (two 5 s samples in a row with at most 0.5 store writes/s and CPU rates within 0.02 s/s)."
                + " Skips with one line when chromium or chromedriver is missing.")
final class DashboardBenchCommand implements Callable<Integer> {
    private static final Duration REST_SAMPLE = Duration.ofSeconds(5);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--deployments", defaultValue = "50", description = "Deployments (default ${DEFAULT-VALUE})")
    int deployments;

    @Option(names = "--replicas", defaultValue = "20", description = "pods per Deployment (default ${DEFAULT-VALUE})")
    int replicas;

    @Option(names = "--loads", defaultValue = "5", description = "page loads timed (default ${DEFAULT-VALUE})")
    int loads;

    @Option(names = "--changes", defaultValue = "5", description = "status changes timed (default ${DEFAULT-VALUE})")
    int changes;

    @Option(names = "--dashboards", defaultValue = "5",
            description = "browsers open on the tree while the server's CPU is measured (default ${DEFAULT-VALUE})")
    int dashboards;

    @Option(names = "--idle-seconds", defaultValue = "60", paramLabel = "SECONDS",
            description = "each CPU window, without and with the dashboards (default ${DEFAULT-VALUE} s)")
    int idleSeconds;

    @Option(names = "--settle-timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "longest wait for every pod to exist, and for the server to be at rest before each CPU window"
                    + " (default ${DEFAULT-VALUE} s)")
    int settleSeconds;

    /** The PATH searched for chromium and chromedriver; a field so that a test can point it elsewhere. */
    String path = System.getenv("PATH");

    @Override
    public Integer call() throws Exception {
        if (deployments < 1 || replicas < 1 || loads < 1 || changes < 1 || dashboards < 1 || idleSeconds < 1
                || settleSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--deployments, --replicas, --loads, --changes,"
                    + " --dashboards, --idle-seconds and --settle-timeout must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> missing = HeadlessChromium.missing(path);
        if (!missing.isEmpty()) {
            out.println("orc bench dashboard: skipped: " + String.join(" and ", missing)
                    + " not found on PATH (Debian: apt-get install chromium chromium-driver)");
            out.flush();
            return 0;
        }
        Path dir = Files.createTempDirectory("orc-bench-dashboard");
        try (ServerProcess server = ServerProcess.startTls(dir, List.of("--no-node", "--no-git"))) {
            out.printf("orc bench dashboard: orc up --no-node --no-git (SQLite, TLS) as process %d at %s; load %s%n",
                    server.pid(), server.url(), DashboardProbe.loadAverage());
            out.printf("server JVM options: %s%n", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
            out.flush();
            DashboardFleet fleet = new DashboardFleet(server.client(), deployments, replicas);
            Duration created = fleet.create(Duration.ofSeconds(settleSeconds));
            out.printf("%d pods in %d Deployments exist %.1f s after the Deployments were created%n",
                    fleet.pods(), deployments, created.toMillis() / 1000.0);
            out.flush();
            measure(out, server, fleet);
        } finally {
            LoopbackApi.deleteRecursively(dir);
        }
        return 0;
    }

    private void measure(PrintWriter out, ServerProcess server, DashboardFleet fleet) throws InterruptedException {
        DashboardProbe probe;
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            probe = new DashboardProbe(browser, server.url(), DashboardFleet.NAMESPACE, fleet.pods());
            probe.logIn(server.client()::dashboardLoginPath);
            List<PageLoad> timed = new ArrayList<>();
            for (int i = 1; i <= loads; i++) {
                PageLoad load = probe.load();
                timed.add(load);
                out.printf("load %d: tree with all %d pods %.2f s from navigation (first pods %.2f s, lists asked at"
                        + " %.2f s and in at %.2f s, longest server wait %.2f s, modules %.2f s, %d requests over %s),"
                        + " %.2f s wall; load %s%n", i, fleet.pods(), load.allPods(), load.firstPods(), load.listsAsked(),
                        load.listsDone(), load.listWait(), load.modulesDone(), load.requests(), load.protocol(),
                        load.wall(), DashboardProbe.loadAverage());
                out.flush();
            }
            out.printf("first load to the whole tree: median %.2f s of %d (first %.2f s, best %.2f s)%n",
                    PageLoad.median(timed), loads, timed.getFirst().allPods(), PageLoad.best(timed));
            List<Double> delays = new ArrayList<>();
            for (int i = 1; i <= changes; i++) {
                double seconds = probe.statusChange(fleet, "BenchMark" + i);
                delays.add(seconds);
                out.printf("status change %d: on the page %.3f s after the patch was sent%n", i, seconds);
                out.flush();
            }
            out.printf("a pod's status change on the page: median %.3f s of %d, worst %.3f s%n",
                    PageLoad.medianOf(delays), changes, delays.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        }
        out.flush();
        idleCpu(out, server);
    }

    /**
     * The server's CPU over a window with no dashboard, then over one with {@code --dashboards} open on the tree, each
     * window once the server is at rest (its work on the fleet, then on the dashboards' first loads, done).
     */
    private void idleCpu(PrintWriter out, ServerProcess server) throws InterruptedException {
        Duration window = Duration.ofSeconds(idleSeconds);
        ServerAtRest rest = new ServerAtRest(server, REST_SAMPLE);
        ServerAtRest.Rest settled = rest.await(Duration.ofSeconds(settleSeconds));
        out.printf("server at rest %.0f s after the status changes (writes and CPU steady over %d s samples: %.4f"
                + " CPU s/s); load %s%n", settled.waited().toMillis() / 1000.0, REST_SAMPLE.toSeconds(),
                settled.last().cpuPerSecond(), DashboardProbe.loadAverage());
        out.flush();
        ServerAtRest.Sample without = rest.over(window);
        out.printf("server over %d s without a dashboard: %.4f CPU s/s, %.2f store writes/s; load %s%n", idleSeconds,
                without.cpuPerSecond(), without.writesPerSecond(), DashboardProbe.loadAverage());
        out.flush();
        List<HeadlessChromium> open = new ArrayList<>();
        List<DashboardProbe> pages = new ArrayList<>();
        try {
            for (int i = 0; i < dashboards; i++) {
                HeadlessChromium browser = HeadlessChromium.start();
                open.add(browser);
                DashboardProbe probe = new DashboardProbe(browser, server.url(), DashboardFleet.NAMESPACE, 1);
                probe.logIn(server.client()::dashboardLoginPath);
                probe.load();
                pages.add(probe);
            }
            ServerAtRest.Rest again = rest.await(Duration.ofSeconds(settleSeconds));
            out.printf("server at rest again %.0f s after %d dashboards opened%n", again.waited().toMillis() / 1000.0,
                    dashboards);
            int requests = pages.stream().mapToInt(DashboardProbe::requestsEnded).sum();
            ServerAtRest.Sample with = rest.over(window);
            int more = pages.stream().mapToInt(DashboardProbe::requestsEnded).sum() - requests;
            out.printf("server CPU over %d s: %.4f CPU s/s without a dashboard, %.4f with %d dashboards open on the tree:"
                    + " %.2f %% of a core added (in that window %.2f store writes/s and %d requests of the pages ended);"
                    + " load %s%n", idleSeconds, without.cpuPerSecond(), with.cpuPerSecond(), dashboards,
                    (with.cpuPerSecond() - without.cpuPerSecond()) * 100, with.writesPerSecond(), more,
                    DashboardProbe.loadAverage());
        } finally {
            open.forEach(HeadlessChromium::close);
        }
        out.flush();
    }
}
