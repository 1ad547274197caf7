package dev.orc.cli.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, item 2, end to end on {@code orc up} with Docker: the fabric8 client's exec (output, input, exit code)
 * and port-forward (an HTTP GET to busybox httpd in the pod) work unchanged; {@code orc exec} hands on the exit code
 * and, through a pseudo-terminal ({@code script}), gives the command a terminal of the caller's size;
 * {@code orc cp} copies both ways; a user who may not create pods/exec is refused with 403.
 */
class StreamsE2E {
    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final String NS = "streams";

    @TempDir
    static Path dir;
    private static E2ECluster cluster;
    private static KubernetesClient kube;

    @BeforeAll
    static void up() {
        DockerHost.require();
        cluster = E2ECluster.up(dir, "StreamsE2E", "--no-git");
        cluster.apply("web", Manifests.namespace(NS) + """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: streams, labels: {app: web}}
                spec:
                  containers:
                  - name: app
                    image: orc/busybox:1
                    command: [sh, -c, "mkdir -p /www && echo hello-from-pod > /www/index.html && exec httpd -f -p 8080 -h /www"]
                    ports: [{containerPort: 8080}]
                """);
        cluster.await("the web pod answering exec", SETTLE, () ->
                assertThat(cluster.orc("exec", "web", "-n", NS, "--", "true").exitCode()).isZero());
        kube = new KubernetesClientBuilder().withConfig(fabric8(cluster.token())).build();
    }

    private static Config fabric8(String token) {
        ConfigBuilder config = new ConfigBuilder(Config.empty()).withMasterUrl(cluster.server().toString())
                .withOauthToken(token).withNamespace(NS);
        Path ca = cluster.clientConfig().certificateAuthority();
        return (ca == null ? config.withTrustCerts(true) : config.withCaCertFile(ca.toString())).build();
    }

    @AfterAll
    static void down() {
        if (kube != null) {
            kube.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void fabric8ExecGetsOutputErrorsAndTheExitCode() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        try (ExecWatch watch = kube.pods().inNamespace(NS).withName("web").writingOutput(out).writingError(err)
                .exec("sh", "-c", "echo hello; echo oops >&2; exit 3")) {
            assertThat(watch.exitCode().get(30, TimeUnit.SECONDS)).isEqualTo(3);
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");
    }

    @Test
    void fabric8ExecPassesInput() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (ExecWatch watch = kube.pods().inNamespace(NS).withName("web").redirectingInput().writingOutput(out)
                .exec("sh", "-c", "read line; echo got:$line")) {
            OutputStream in = watch.getInput();
            in.write("ping\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertThat(watch.exitCode().get(30, TimeUnit.SECONDS)).isZero();
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("got:ping\n");
    }

    @Test
    void fabric8PortForwardCarriesAnHttpGet() throws Exception {
        try (LocalPortForward forward = kube.pods().inNamespace(NS).withName("web").portForward(8080);
             HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + forward.getLocalPort() + "/index.html"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello-from-pod\n");
        }
    }

    @Test
    void orcPortForwardOfAServiceCarriesAnHttpGet() throws Exception {
        cluster.apply("web-service", """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: streams}
                spec:
                  selector: {app: web}
                  ports: [{port: 80, targetPort: 8080}]
                """);
        OrcProcess forward = cluster.startOrc("port-forward", "port-forward", "svc/web", ":80", "-n", NS);
        Matcher listening = forward.awaitLine(Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> 8080"),
                Duration.ofSeconds(30));

        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + listening.group(1) + "/index.html"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).isEqualTo("hello-from-pod\n");
        } finally {
            forward.kill();
        }
    }

    @Test
    void orcAttachShowsWhatTheContainersProcessPrints() {
        cluster.apply("ticker", """
                apiVersion: v1
                kind: Pod
                metadata: {name: ticker, namespace: streams}
                spec:
                  containers: [{name: app, image: orc/busybox:1,
                                command: [sh, -c, "while :; do echo tick; sleep 0.5; done"]}]
                """);
        cluster.await("the ticker pod answering exec", SETTLE, () ->
                assertThat(cluster.orc("exec", "ticker", "-n", NS, "--", "true").exitCode()).isZero());

        OrcProcess attach = cluster.startOrc("attach", "attach", "ticker", "-n", NS);
        try {
            assertThat(attach.awaitLine(Pattern.compile("^tick$"), Duration.ofSeconds(30)).group()).isEqualTo("tick");
        } finally {
            attach.kill();
        }
    }

    @Test
    void orcExecEndsWithTheRemoteExitCode() {
        CommandResult result = cluster.orc("exec", "web", "-n", NS, "--", "sh", "-c", "echo out; echo err >&2; exit 4");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.out()).isEqualTo("out\n");
        assertThat(result.err()).contains("err\n");
    }

    @Test
    void orcExecWithATtyGivesTheCommandATerminalOfTheCallersSize() throws Exception {
        List<String> orc = new ArrayList<>(List.of("stty", "rows", "40", "cols", "100", ";"));
        for (String part : OrcJar.command(List.of("exec", "-it", "web", "-n", NS, "--", "sh", "-c",
                "test -t 0 && echo tty-yes; for i in 1 2 3 4 5 6 7 8 9 10; do s=$(stty size 2>&1);"
                        + " case $s in [1-9]*) echo size $s; break;; esac; sleep 0.3; done; exit 7"))) {
            orc.add("'" + part.replace("'", "'\\''") + "'");
        }
        ProcessBuilder builder = new ProcessBuilder("script", "-qec", String.join(" ", orc), "/dev/null")
                .redirectErrorStream(true);
        builder.environment().putAll(cluster.env());
        Process script = builder.start();
        byte[] output;
        try (OutputStream keepOpen = script.getOutputStream()) {
            assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
            output = script.getInputStream().readAllBytes();
        }
        String printed = new String(output, StandardCharsets.UTF_8);

        assertThat(printed).contains("tty-yes").contains("size 40 100");
        assertThat(script.exitValue()).as(printed).isEqualTo(7);
    }

    @Test
    void orcExecPassesTheEndOfItsInput() {
        CommandResult result = cluster.orc("exec", "-i", "web", "-n", NS, "--", "sh", "-c", "cat; echo input-ended");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("input-ended\n");
    }

    @Test
    void orcCpCopiesAFileInAndADirectoryOut() throws IOException {
        Path upload = Files.writeString(dir.resolve("up.txt"), "from-the-host\n");

        cluster.orc("cp", upload.toString(), NS + "/web:/tmp/up.txt").succeeded();

        assertThat(cluster.orc("exec", "web", "-n", NS, "--", "cat", "/tmp/up.txt").succeeded().out())
                .isEqualTo("from-the-host\n");
        Path copy = dir.resolve("www-copy");
        cluster.orc("cp", "-n", NS, "web:/www", copy.toString()).succeeded();
        assertThat(Files.readString(copy.resolve("index.html"))).isEqualTo("hello-from-pod\n");
    }

    @Test
    void aViewerWhoMayNotCreatePodsExecIsRefused() {
        cluster.apply("jane-views", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: jane-views, namespace: streams}
                subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
                roleRef: {kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io}
                """);
        String jane = cluster.orc("token", "create", "--user", "jane", "--ttl", "1h").succeeded().out().strip();

        CommandResult refused = cluster.orc("exec", "web", "-n", NS, "--token", jane, "--", "true");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("403");
    }
}
