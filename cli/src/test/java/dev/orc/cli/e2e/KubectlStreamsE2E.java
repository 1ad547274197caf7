package dev.orc.cli.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 20, item 2, with the real kubectl (1.31+) against {@code orc up} and Docker: {@code kubectl port-forward}
 * tunnels SPDY/3.1 through a WebSocket ({@code SPDY/3.1+portforward.k8s.io}); two ports at once, several connections
 * on one, a Service, and a refused connection reported on the error stream; {@code kubectl exec} and {@code kubectl
 * cp} speak {@code v5.channel.k8s.io}. Each kubectl gets a scratch kubeconfig and {@code HOME}; skipped where kubectl
 * is not installed.
 */
class KubectlStreamsE2E {
    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final String NS = "kubectl-streams";
    private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> (\\d+)");

    @TempDir
    static Path dir;
    private static E2ECluster cluster;
    private static Path kubeconfig;
    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void up() throws IOException {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not on the PATH");
        DockerHost.require();
        cluster = E2ECluster.up(dir, "KubectlStreamsE2E", "--no-git");
        cluster.apply("web", Manifests.namespace(NS) + """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: kubectl-streams, labels: {app: web}}
                spec:
                  containers:
                  - name: app
                    image: orc/busybox:1
                    command: [sh, -c, "mkdir -p /www /www2 && echo hello-from-pod > /www/index.html &&
                      echo second-port > /www2/index.html && httpd -p 8081 -h /www2 && exec httpd -f -p 8080 -h /www"]
                    ports: [{containerPort: 8080}, {containerPort: 8081}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: kubectl-streams}
                spec:
                  selector: {app: web}
                  ports: [{port: 80, targetPort: 8080}]
                """);
        cluster.await("the web pod answering exec", SETTLE, () ->
                assertThat(cluster.orc("exec", "web", "-n", NS, "--", "true").exitCode()).isZero());
        kubeconfig = writeKubeconfig();
    }

    private static Path writeKubeconfig() throws IOException {
        Path ca = cluster.clientConfig().certificateAuthority();
        String trust = ca == null ? "insecure-skip-tls-verify: true" : "certificate-authority: " + ca;
        return Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: orc
                  cluster: {server: "%s", %s}
                users:
                - name: admin
                  user: {token: "%s"}
                contexts:
                - name: orc
                  context: {cluster: orc, user: admin, namespace: %s}
                current-context: orc
                """.formatted(cluster.server(), trust, cluster.token(), NS));
    }

    @AfterEach
    void stopKubectl() throws InterruptedException {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void portForwardOfAPodCarriesHttpGetsOnTwoPortsAndSeveralConnections() throws Exception {
        Path log = dir.resolve("port-forward-pod.log");
        started.add(kubectl(log, "port-forward", "pod/web", ":8080", ":8081"));
        int first = awaitForwarding(log, 8080);
        int second = awaitForwarding(log, 8081);

        assertThat(httpGet(first)).endsWith("hello-from-pod\n");
        assertThat(httpGet(second)).endsWith("second-port\n");
        List<CompletableFuture<String>> concurrent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int port = i % 2 == 0 ? first : second;
            concurrent.add(CompletableFuture.supplyAsync(() -> httpGet(port)));
        }
        for (int i = 0; i < concurrent.size(); i++) {
            assertThat(concurrent.get(i).get(60, TimeUnit.SECONDS)).startsWith("HTTP/1.")
                    .endsWith(i % 2 == 0 ? "hello-from-pod\n" : "second-port\n");
        }
    }

    @Test
    void portForwardOfAServiceReachesItsTargetPort() throws Exception {
        Path log = dir.resolve("port-forward-svc.log");
        started.add(kubectl(log, "port-forward", "svc/web", ":80"));
        int local = awaitForwarding(log, 8080);

        assertThat(httpGet(local)).startsWith("HTTP/1.").endsWith("hello-from-pod\n");
    }

    @Test
    void aPortNothingListensOnIsReportedOnTheErrorStream() throws Exception {
        Path log = dir.resolve("port-forward-closed.log");
        started.add(kubectl(log, "port-forward", "pod/web", ":9999"));
        int local = awaitForwarding(log, 9999);

        assertThat(httpGet(local)).isEmpty();
        await("kubectl reporting the error").atMost(COMMAND).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(Files.readString(log)).contains("9999").containsIgnoringCase("connection refused"));
    }

    @Test
    void execPassesOutputErrorsInputAndTheExitCode() throws Exception {
        Result result = run(null, "exec", "web", "--", "sh", "-c", "echo out; echo err >&2; exit 3");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.out()).isEqualTo("out\n");
        assertThat(result.err()).contains("err\n");

        Result piped = run("ping\n", "exec", "-i", "web", "--", "sh", "-c", "read line; echo got:$line");
        assertThat(piped.exitCode()).as(piped.toString()).isZero();
        assertThat(piped.out()).isEqualTo("got:ping\n");
    }

    @Test
    void execWithATtyGivesTheCommandATerminal() throws Exception {
        List<String> kubectl = new ArrayList<>(List.of("stty", "rows", "30", "cols", "90", ";"));
        for (String part : builder("exec", "-it", "web", "--", "sh", "-c",
                "test -t 0 && echo tty-yes; for i in 1 2 3 4 5 6 7 8 9 10; do s=$(stty size 2>&1);"
                        + " case $s in [1-9]*) echo size $s; break;; esac; sleep 0.3; done; exit 5").command()) {
            kubectl.add("'" + part.replace("'", "'\\''") + "'");
        }
        ProcessBuilder script = new ProcessBuilder("script", "-qec", String.join(" ", kubectl), "/dev/null")
                .redirectErrorStream(true);
        script.environment().putAll(builder().environment());
        Process process = script.start();
        byte[] output;
        try (OutputStream keepOpen = process.getOutputStream()) {
            assertThat(process.waitFor(COMMAND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            output = process.getInputStream().readAllBytes();
        }
        String printed = new String(output, StandardCharsets.UTF_8);

        assertThat(printed).contains("tty-yes").contains("size 30 90");
        assertThat(process.exitValue()).as(printed).isEqualTo(5);
    }

    @Test
    void cpCopiesAFileInAndOut() throws Exception {
        Path upload = Files.writeString(dir.resolve("up.txt"), "from-kubectl\n");
        Result in = run(null, "cp", upload.toString(), NS + "/web:/tmp/up.txt");
        assertThat(in.exitCode()).as(in.toString()).isZero();

        Path back = dir.resolve("back.txt");
        Result out = run(null, "cp", NS + "/web:/tmp/up.txt", back.toString());
        assertThat(out.exitCode()).as(out.toString()).isZero();
        assertThat(Files.readString(back)).isEqualTo("from-kubectl\n");
    }

    /** An HTTP/1.0 GET of /index.html on a local port over a plain socket: the whole answer, or "" if none came. */
    private static String httpGet(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /index.html HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("GET through 127.0.0.1:" + port, e);
        }
    }

    private static int awaitForwarding(Path log, int remote) {
        int[] local = new int[1];
        await("kubectl forwarding to " + remote).atMost(COMMAND).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Matcher matcher = FORWARDING.matcher(Files.exists(log) ? Files.readString(log) : "");
            boolean found = false;
            while (!found && matcher.find()) {
                found = Integer.parseInt(matcher.group(2)) == remote;
            }
            assertThat(found).as("kubectl output: %s", Files.exists(log) ? Files.readString(log) : "").isTrue();
            local[0] = Integer.parseInt(matcher.group(1));
        });
        return local[0];
    }

    private Process kubectl(Path log, String... args) throws IOException {
        return builder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String input, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "kubectl-", ".out");
        Path err = Files.createTempFile(dir, "kubectl-", ".err");
        Process process = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(COMMAND.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish within " + COMMAND);
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("HOME", dir.toString());
        env.remove("KUBECONFIG");
        return builder;
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, program))) {
                return true;
            }
        }
        return false;
    }
}
