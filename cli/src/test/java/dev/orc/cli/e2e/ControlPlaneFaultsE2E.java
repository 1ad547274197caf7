package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 16's faults of the control plane on real processes: {@code orc up} killed with SIGKILL in the middle of a
 * rollout, and the SQLite store on a filesystem that fills up.
 */
class ControlPlaneFaultsE2E {
    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final String CLUSTER_IPS = "/registry/allocations/clusterips/";
    private static final String NODE_PORTS = "/registry/allocations/nodeports/";

    @TempDir
    Path dir;

    @Test
    void upKilledMidRolloutComesBackWithExactlyTheDesiredReplicasAndNoLeakedAllocation() {
        try (E2ECluster cluster = E2ECluster.up(dir, "ControlPlaneFaultsE2E-up", "--no-git")) {
            cluster.apply("roll", namespace("roll") + "---\n" + deployment("1") + "---\n" + service("web", "NodePort")
                    + "---\n" + service("web-internal", "ClusterIP"));
            cluster.await("3 web pods serving", SETTLE, () -> assertThat(webPods(cluster)).hasSize(3)
                    .allMatch(PodView::serving));

            cluster.apply("roll-2", deployment("2"));
            cluster.await("the rollout under way: pods of both templates", SETTLE, () -> assertThat(
                    webPods(cluster).stream().map(PodView::image).collect(Collectors.toSet())).hasSize(2));
            cluster.killAndRestartControlPlane();

            String hash = newestTemplateHash(cluster);
            cluster.await("exactly 3 web pods of the new template serving", SETTLE, () -> {
                List<PodView> pods = webPods(cluster);
                assertThat(pods).hasSize(3).allMatch(PodView::serving).extracting(PodView::image).containsOnly("orc/web:2");
                assertThat(cluster.pods("roll", "app=web,pod-template-hash=" + hash)).hasSize(3);
            });
            StoreFile store = StoreFile.in(dir.resolve("up"));
            cluster.await("every allocation held by a service, and every service's held", SETTLE, () -> {
                Map<String, String> held = heldByServices(cluster);
                Map<String, String> claims = new HashMap<>();
                store.live(CLUSTER_IPS).forEach((ip, owner) -> claims.put("ip " + ip, owner));
                store.live(NODE_PORTS).forEach((port, owner) -> claims.put("port " + port, owner));
                assertThat(claims).isEqualTo(held);
            });
        }
    }

    @Test
    void aFullDiskFailsWritesClearlyCorruptsNothingAndRecoversWhenSpaceIsFreed() throws IOException {
        Path data = Files.createDirectories(dir.resolve("server"));
        mount(data);
        try (E2ECluster cluster = E2ECluster.server(dir, "ControlPlaneFaultsE2E-full")) {
            cluster.apply("full", namespace("full"));
            List<String> acknowledged = new ArrayList<>();
            Path filler = data.resolve("filler");
            fill(filler);

            ApiException refused = null;
            for (int i = 0; i < 200 && refused == null; i++) {
                String name = "cm-" + i;
                refused = catchThrowableOfType(ApiException.class, () -> createConfigMap(cluster, name));
                if (refused == null) {
                    acknowledged.add(name);
                }
            }

            assertThat(refused).as("a write on a full disk").isNotNull();
            assertThat(refused.code()).isEqualTo(500);
            assertThat(refused.getMessage()).contains("the store's disk is full", "SQLITE_FULL");
            assertThat(names(cluster)).containsAll(acknowledged);

            Files.delete(filler);
            cluster.await("writes accepted again once space is freed", SETTLE,
                    () -> createConfigMap(cluster, "after-" + System.nanoTime()));
            cluster.restartControlPlane();
            assertThat(names(cluster)).containsAll(acknowledged);
            assertThat(StoreFile.in(data).integrityCheck()).containsExactly("ok");
        } finally {
            run("umount", "-l", data.toString());
        }
    }

    private static List<PodView> webPods(E2ECluster cluster) {
        return cluster.pods("roll", "app=web");
    }

    private static String newestTemplateHash(E2ECluster cluster) {
        JsonNode items = cluster.client().list(ResourceTypes.REPLICA_SET, "roll", ListOptions.all()).path("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(rs -> "orc/web:2".equals(rs.path("spec").path("template").path("spec").path("containers").path(0).path("image").asText()))
                .map(rs -> rs.path("metadata").path("labels").path("pod-template-hash").asText())
                .findFirst().orElseThrow();
    }

    /** The cluster IPs and node ports the Services hold, each with its owner as a claim names it. */
    private static Map<String, String> heldByServices(E2ECluster cluster) {
        JsonNode items = cluster.client().list(ResourceTypes.SERVICE, null, ListOptions.all()).path("items");
        Map<String, String> held = new HashMap<>();
        for (JsonNode service : items) {
            String owner = service.path("metadata").path("namespace").asText() + "/" + service.path("metadata").path("name").asText();
            String ip = service.path("spec").path("clusterIP").asText("");
            if (!ip.isEmpty() && !"None".equals(ip)) {
                held.put("ip " + ip, owner);
            }
            service.path("spec").path("ports").forEach(port -> {
                if (port.hasNonNull("nodePort")) {
                    held.put("port " + port.path("nodePort").asInt(), owner);
                }
            });
        }
        return held;
    }

    private static void createConfigMap(E2ECluster cluster, String name) {
        ObjectNode configMap = (ObjectNode) Json.tree(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", name, "namespace", "full"), "data", Map.of("payload", "x".repeat(32 * 1024))));
        cluster.client().create(ResourceTypes.CONFIG_MAP, "full", configMap, WriteOptions.defaults());
    }

    private static Set<String> names(E2ECluster cluster) {
        JsonNode items = cluster.client().list(ResourceTypes.CONFIG_MAP, "full", ListOptions.all()).path("items");
        return StreamSupport.stream(items.spliterator(), false).map(cm -> cm.path("metadata").path("name").asText())
                .collect(Collectors.toSet());
    }

    /** A small tmpfs of its own at {@code dir} (root only, as in CI), so that filling it harms nothing else. */
    private static void mount(Path dir) {
        run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", dir.toString());
    }

    /** Writes {@code file} until the filesystem has no space left. */
    private static void fill(Path file) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left");
        }
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + new String(process.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + String.join(" ", command), e);
        }
    }

    private static String namespace(String name) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %s
                """.formatted(name);
    }

    /**
     * Three replicas of orc/web:VERSION, one at a time, each ready two seconds after it starts, so that a rollout
     * lasts long enough to be interrupted.
     */
    private static String deployment(String version) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: roll
                spec:
                  replicas: 3
                  selector:
                    matchLabels:
                      app: web
                  strategy:
                    type: RollingUpdate
                    rollingUpdate:
                      maxSurge: 1
                      maxUnavailable: 0
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      terminationGracePeriodSeconds: 2
                      containers:
                        - name: web
                          image: orc/web:%s
                          ports:
                            - containerPort: 8080
                          readinessProbe:
                            exec:
                              command: ["true"]
                            initialDelaySeconds: 2
                            periodSeconds: 1
                """.formatted(version);
    }

    private static String service(String name, String type) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                  namespace: roll
                spec:
                  type: %s
                  selector:
                    app: web
                  ports:
                    - port: 80
                      targetPort: 8080
                """.formatted(name, type);
    }
}
