package dev.orc.node;

import dev.orc.node.testing.DockerForTests;
import dev.orc.api.model.ConfigMap;
import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerPort;
import dev.orc.api.model.ContainerStatus;
import dev.orc.api.model.EnvFromSource;
import dev.orc.api.model.EnvVar;
import dev.orc.api.model.EnvVarSource;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Probe;
import dev.orc.api.model.Secret;
import dev.orc.api.model.Timestamps;
import dev.orc.api.model.Volume;
import dev.orc.api.model.VolumeMount;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.pod.Pods;
import dev.orc.node.runtime.ContainerSummary;
import dev.orc.node.runtime.ExecResult;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.docker.DockerRuntime;
import dev.orc.node.volume.MemoryMounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Probes, ConfigMaps, Secrets and volumes on the real Docker engine with orc/busybox:1, against the
 * real API server in-process. Each test has its own node name and data dir; containers, mounts and files are removed
 * afterwards. Fails instead of skipping when Docker is unreachable and CI=true.
 */
class PodConfigDockerTest {

    private static final Duration BOUND = Duration.ofSeconds(40);
    private static DockerRuntime runtime;

    private final String node = "pc-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path dataDir = Path.of("target", node).toAbsolutePath();
    private final RegistryNodeApi api = new RegistryNodeApi();
    private NodeAgent agent;

    @BeforeAll
    static void connect() {
        runtime = DockerForTests.connectWithBusybox();
    }

    @AfterAll
    static void disconnect() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @BeforeEach
    void startAgent() {
        NodeConfig config = NodeConfig.defaults(node, dataDir).withServerKey(ServerKey.publicKey())
                .withAddress("127.0.0.1")
                .withCrashLoop(Duration.ofSeconds(1), Duration.ofSeconds(4))
                .withResync(Duration.ofMillis(300));
        agent = NodeAgent.start(config, api, runtime, Clock.systemUTC(), "test");
    }

    @AfterEach
    void cleanUp() throws IOException {
        agent.close();
        api.close();
        for (ContainerSummary c : runtime.list(PodLabels.ofNode(node))) {
            runtime.remove(c.id());
        }
        MemoryMounts.tmpfs().unmountAll(dataDir);
        if (Files.exists(dataDir)) {
            try (Stream<Path> walk = Files.walk(dataDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Pod add(Pods pod, Volume... volumes) {
        Pod built = pod.node(node).namespace(node).build();
        return api.put(built.withSpec(built.spec().withVolumes(List.of(volumes))));
    }

    private PodStatus status(Pod pod) {
        return api.pod(pod.metadata().uid()).map(Pod::status).orElse(null);
    }

    private ContainerStatus container(Pod pod, String name) {
        PodStatus status = status(pod);
        assertThat(status).as("status of pod " + pod.metadata().name()).isNotNull();
        return status.containerStatuses().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no status of container " + name));
    }

    private void awaitRunning(Pod pod, String name) {
        await().atMost(BOUND).untilAsserted(() -> assertThat(container(pod, name).state().running()).isNotNull());
    }

    /** Runs a shell command in the container's current attempt. */
    private ExecResult sh(Pod pod, String name, String script) {
        String id = container(pod, name).containerID().substring("docker://".length());
        return runtime.exec(id, List.of("sh", "-c", script), Duration.ofSeconds(10));
    }

    private static Probe exec(String script, int failureThreshold) {
        return new Probe(new Probe.Exec(List.of("sh", "-c", script)), null, null, null, null, 1, 1, 1,
                failureThreshold, null);
    }

    private static Container mounting(Container c, VolumeMount... mounts) {
        return new Container(c.name(), c.image(), c.command(), c.args(), c.workingDir(), c.ports(), c.envFrom(),
                c.env(), c.resources(), List.of(mounts), c.livenessProbe(), c.readinessProbe(), c.startupProbe(),
                c.imagePullPolicy(), null, null, null, null);
    }

    private static Container withEnvFrom(Container c, EnvFromSource... from) {
        return new Container(c.name(), c.image(), c.command(), c.args(), c.workingDir(), c.ports(), List.of(from),
                c.env(), c.resources(), c.volumeMounts(), c.livenessProbe(), c.readinessProbe(), c.startupProbe(),
                c.imagePullPolicy(), null, null, null, null);
    }

    private ConfigMap configMap(String name, Map<String, String> data) {
        return ConfigMap.of(ObjectMeta.of(node, name), data);
    }

    private Secret secret(String name, Map<String, String> plain) {
        Map<String, String> data = new java.util.LinkedHashMap<>();
        plain.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return Secret.of(ObjectMeta.of(node, name), data);
    }

    @Test
    void httpReadinessProbeKeepsThePodOutOfReadyUntilItsFileExists() {
        Probe readiness = new Probe(null, new Probe.HttpGet("/ready", IntOrString.of("http"), null, "HTTP", null),
                null, null, null, 1, 1, 1, 1, null);
        Container web = Pods.shell("web", "mkdir -p /www && exec httpd -f -p 8080 -h /www")
                .withPorts(List.of(new ContainerPort("http", 8080, null, null, "TCP")))
                .withProbes(null, readiness, null);
        Pod pod = add(Pods.pod("web").container(web));

        awaitRunning(pod, "web");
        await().atMost(BOUND).until(() -> api.events().stream()
                .anyMatch(e -> e.contains("Readiness probe failed: HTTP probe failed with statuscode: 404")));
        assertThat(status(pod).ready()).isFalse();
        assertThat(container(pod, "web").ready()).isFalse();

        assertThat(sh(pod, "web", "touch /www/ready").succeeded()).isTrue();

        await().atMost(BOUND).untilAsserted(() -> assertThat(status(pod).ready()).isTrue());
        assertThat(container(pod, "web").ready()).isTrue();
        assertThat(container(pod, "web").restartCount()).isZero();
    }

    @Test
    void livenessExecProbeRestartsAHungContainerWithinTheProbesOwnGracePeriod() {
        Probe liveness = new Probe(new Probe.Exec(List.of("sh", "-c", "test -f /tmp/healthy")), null, null, null,
                null, 1, 1, 1, 2, 1L);
        Container app = Pods.shell("app", "touch /tmp/healthy; sleep 3600").withProbes(liveness, null, null);
        Pod pod = add(Pods.pod("hung").grace(60).container(app));
        awaitRunning(pod, "app");

        assertThat(sh(pod, "app", "rm /tmp/healthy").succeeded()).isTrue();

        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(container(pod, "app").restartCount()).isGreaterThanOrEqualTo(1);
            assertThat(container(pod, "app").state().running()).isNotNull();
        });
        assertThat(api.events()).anyMatch(e -> e.contains("Warning Unhealthy: Liveness probe failed:"))
                .anyMatch(e -> e.contains("Normal Killing: Container app failed liveness probe, will be restarted"));
    }

    @Test
    void startupProbeHoldsTheLivenessProbeOffUntilTheAppHasStarted() {
        Container slow = Pods.shell("app", "sleep 3; touch /tmp/started; sleep 3600")
                .withProbes(exec("test -f /tmp/started", 1), null, exec("test -f /tmp/started", 30));
        Pod pod = add(Pods.pod("slow").container(slow));
        AtomicBoolean sawUnstarted = new AtomicBoolean();

        await().atMost(BOUND).untilAsserted(() -> {
            ContainerStatus app = container(pod, "app");
            if (app.state().running() != null && !app.started()) {
                sawUnstarted.set(true);
            }
            assertThat(app.started()).isTrue();
            assertThat(app.ready()).isTrue();
        });
        assertThat(sawUnstarted).isTrue();
        assertThat(container(pod, "app").restartCount()).as("liveness did not run before startup succeeded").isZero();
    }

    @Test
    void envAndFilesFromConfigMapsAndSecretsHaveTheirContentAndModes() {
        api.put(configMap("settings", Map.of("mode", "fast", "level", "3")));
        api.put(secret("creds", Map.of("password", "s3cret")));
        EnvVar mode = new EnvVar("MODE", null, new EnvVarSource(null, null,
                new EnvVarSource.KeyRef("settings", "mode", null), null));
        EnvVar password = new EnvVar("PASSWORD", null, new EnvVarSource(null, null, null,
                new EnvVarSource.KeyRef("creds", "password", null)));
        EnvVar app = new EnvVar("APP", null, new EnvVarSource(new EnvVarSource.FieldRef("v1", "metadata.labels['app']"),
                null, null, null));
        Container c = mounting(withEnvFrom(Pods.withEnv(Pods.shell("app", "sleep 3600"), mode, password, app),
                        new EnvFromSource("CFG_", new EnvFromSource.Ref("settings", null), null)),
                new VolumeMount("cfg", "/etc/cfg", null, null, null),
                new VolumeMount("secret", "/etc/secret", null, null, null),
                new VolumeMount("cfg", "/etc/level.conf", "level", null, null));
        Pod built = Pods.pod("configured").node(node).namespace(node).container(c).build();
        Pod pod = api.put(built.withMetadata(built.metadata().withLabel("app", "shop")).withSpec(built.spec().withVolumes(List.of(
                new Volume("cfg", null, null, new Volume.ConfigMapSource("settings", null, 0640, null), null, null),
                new Volume("secret", null, null, null, new Volume.SecretSource("creds",
                        List.of(new Volume.KeyToPath("password", "db/password", 0400)), null, null), null)))));
        awaitRunning(pod, "app");

        assertThat(sh(pod, "app", "echo $MODE $PASSWORD $APP $CFG_mode $CFG_level").stdout()).isEqualTo("fast s3cret shop fast 3\n");
        assertThat(sh(pod, "app", "cat /etc/cfg/mode; stat -L -c %a /etc/cfg/mode").stdout()).isEqualTo("fast640\n");
        assertThat(sh(pod, "app", "cat /etc/secret/db/password; stat -L -c %a /etc/secret/db/password").stdout())
                .isEqualTo("s3cret400\n");
        assertThat(sh(pod, "app", "cat /etc/level.conf").stdout()).isEqualTo("3");
        assertThat(sh(pod, "app", "grep ' /etc/secret ' /proc/mounts").stdout()).as("secrets stay in memory")
                .contains("tmpfs");
        assertThat(sh(pod, "app", "echo x > /etc/cfg/mode").succeeded()).as("configMap volumes are read-only").isFalse();
    }

    @Test
    void podWaitingOnAMissingSecretStartsOnceItIsCreated() {
        EnvVar token = new EnvVar("TOKEN", null, new EnvVarSource(null, null, null,
                new EnvVarSource.KeyRef("late", "token", null)));
        Pod pod = add(Pods.pod("waiting").container(Pods.withEnv(Pods.shell("app", "sleep 3600"), token)));

        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(container(pod, "app").state().waiting()).isNotNull();
            assertThat(container(pod, "app").state().waiting().reason()).isEqualTo("CreateContainerConfigError");
            assertThat(container(pod, "app").state().waiting().message()).isEqualTo("secret \"late\" not found");
        });
        api.put(secret("late", Map.of("token", "abc")));

        awaitRunning(pod, "app");
        assertThat(sh(pod, "app", "echo $TOKEN").stdout()).isEqualTo("abc\n");
    }

    @Test
    void configMapUpdateReachesTheMountedFile() {
        api.put(configMap("live", Map.of("greeting", "hello")));
        Pod pod = add(Pods.pod("reader").container(mounting(Pods.shell("app", "sleep 3600"),
                        new VolumeMount("cfg", "/etc/cfg", null, null, null))),
                new Volume("cfg", null, null, new Volume.ConfigMapSource("live", null, null, null), null, null));
        awaitRunning(pod, "app");
        assertThat(sh(pod, "app", "cat /etc/cfg/greeting").stdout()).isEqualTo("hello");

        api.put(configMap("live", Map.of("greeting", "bonjour")));

        await().atMost(BOUND).untilAsserted(() ->
                assertThat(sh(pod, "app", "cat /etc/cfg/greeting").stdout()).isEqualTo("bonjour"));
    }

    @Test
    void twoContainersOfAPodShareAnEmptyDir() {
        Pod pod = add(Pods.pod("pair")
                        .container(mounting(Pods.shell("writer", "echo from-writer > /shared/note; sleep 3600"),
                                VolumeMount.of("shared", "/shared")))
                        .container(mounting(Pods.shell("reader", "sleep 3600"), VolumeMount.of("shared", "/data"))),
                Volume.emptyDir("shared"));
        awaitRunning(pod, "writer");
        awaitRunning(pod, "reader");

        await().atMost(BOUND).untilAsserted(() ->
                assertThat(sh(pod, "reader", "cat /data/note").stdout()).isEqualTo("from-writer\n"));
        Path volume = dataDir.resolve("pods").resolve(pod.metadata().uid()).resolve("volumes/shared");
        assertThat(volume).isDirectory();

        delete(pod);
        assertThat(volume).as("removed with the pod").doesNotExist();
    }

    @Test
    void claimDataSurvivesThePodsDeletionAndRecreation() {
        api.put(new dev.orc.api.model.PersistentVolumeClaim(dev.orc.api.model.PersistentVolumeClaim.API_VERSION,
                dev.orc.api.model.PersistentVolumeClaim.KIND, ObjectMeta.of(node, "db"),
                new dev.orc.api.model.PersistentVolumeClaimSpec(List.of("ReadWriteOnce"), new dev.orc.api.model.ResourceRequirements(
                        null, Map.of("storage", dev.orc.api.model.Quantity.parse("1Gi"))), null, null, null, null), null));
        Volume claim = new Volume("data", null, null, null, null, new Volume.ClaimSource("db", null));
        Pod first = add(Pods.pod("db-1").container(mounting(Pods.shell("app", "echo row-1 > /data/table; sleep 3600"),
                VolumeMount.of("data", "/data"))), claim);
        awaitRunning(first, "app");
        await().atMost(BOUND).untilAsserted(() ->
                assertThat(sh(first, "app", "cat /data/table").stdout()).isEqualTo("row-1\n"));

        delete(first);
        Pod second = add(Pods.pod("db-2").container(mounting(Pods.shell("app", "sleep 3600"),
                VolumeMount.of("data", "/var/lib/db"))), claim);
        awaitRunning(second, "app");

        assertThat(sh(second, "app", "cat /var/lib/db/table").stdout()).isEqualTo("row-1\n");
        assertThat(api.node(node).metadata().labels()).containsEntry("orc.dev/pvc-" + node + ".db", "true");
    }

    @Test
    void statsSummaryShowsLiveUsageOfPodsToTheServerOnly() throws Exception {
        Pod pod = add(Pods.pod("busy").container("app", "sleep 3600"));
        awaitRunning(pod, "app");
        java.net.http.HttpClient http = dev.orc.node.net.UncheckedTls.client();
        java.net.URI uri = java.net.URI.create("https://127.0.0.1:" + agent.logPort() + "/stats/summary");

        java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(uri)
                .header("Authorization", ServerKey.bearer(node, "/stats/summary")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        java.net.http.HttpResponse<String> denied = http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        dev.orc.node.stats.StatsSummary summary = dev.orc.api.json.Json.mapper().readValue(response.body(),
                dev.orc.node.stats.StatsSummary.class);
        assertThat(summary.node().name()).isEqualTo(node);
        assertThat(summary.node().memoryCapacityBytes()).isPositive();
        assertThat(summary.pods()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("busy");
            assertThat(p.containers()).singleElement().satisfies(c -> assertThat(c.memoryBytes()).isPositive());
        });
        assertThat(denied.statusCode()).isEqualTo(401);
    }

    @Test
    void memoryEmptyDirIsATmpfsHeldToItsSizeLimit() {
        Volume cache = new Volume("cache", new Volume.EmptyDir("Memory", dev.orc.api.model.Quantity.parse("1Mi")),
                null, null, null, null);
        Pod pod = add(Pods.pod("ram").container(mounting(Pods.shell("app", "sleep 3600"),
                VolumeMount.of("cache", "/cache"))), cache);
        awaitRunning(pod, "app");

        assertThat(sh(pod, "app", "grep ' /cache ' /proc/mounts").stdout()).startsWith("tmpfs /cache tmpfs");
        assertThat(sh(pod, "app", "dd if=/dev/zero of=/cache/small bs=1024 count=512").succeeded()).isTrue();
        assertThat(sh(pod, "app", "dd if=/dev/zero of=/cache/big bs=1024 count=2048").succeeded())
                .as("more than the sizeLimit does not fit").isFalse();
    }

    @Test
    void limitsBecomeTheContainersCpuQuotaMemoryLimitAndPidsLimit() {
        Container limited = Pods.shell("app", "sleep 3600").withResources(new dev.orc.api.model.ResourceRequirements(
                Map.of("cpu", dev.orc.api.model.Quantity.parse("250m"), "memory", dev.orc.api.model.Quantity.parse("64Mi")),
                null));
        Pod pod = add(Pods.pod("limited").container(limited));
        awaitRunning(pod, "app");

        String cgroups = "cpu=$(cut -d' ' -f1 /sys/fs/cgroup/cpu.max 2>/dev/null || cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us);"
                + " mem=$(cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes);"
                + " pids=$(cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max);"
                + " echo $cpu $mem $pids";
        assertThat(sh(pod, "app", cgroups).stdout()).isEqualTo("25000 67108864 4096\n");
    }

    /** Deletes the pod as a user does, with a grace period, so the agent tears it down before the pod goes. */
    private void delete(Pod pod) {
        Pod current = api.pod(pod.metadata().uid()).orElseThrow();
        api.put(current.withMetadata(current.metadata().withDeletion(Timestamps.format(Instant.now()), 1L)));
        await().atMost(BOUND).until(() -> api.pod(pod.metadata().uid()).isEmpty());
    }
}
