package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.meta.ResourceTypes;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 item 5 and finding C1, against real {@code orc} processes: two teams, two namespaces, two repositories,
 * each GitSource applying as its team's service account and unable to touch the other team's namespace; a GitSource
 * without a service account whose commit adds a ClusterRole and a pod in another namespace fails with file:line and
 * the reason, in its status and events, and changes nothing.
 */
class GitOpsTenancyE2E {
    private static final Duration SYNC = Duration.ofSeconds(60);
    private static final PersonIdent AUTHOR = new PersonIdent("orc e2e", "e2e@orc.invalid");

    @TempDir
    Path dir;

    @Test
    void twoTeamsEachSyncTheirOwnNamespaceAndNeitherCanTouchTheOthers() throws Exception {
        try (E2ECluster cluster = E2ECluster.server(dir, "GitOpsTenancyE2E-teams")) {
            Path teamA = repository("team-a", Map.of("settings.yaml", configMap("settings", null, "a")));
            Path teamB = repository("team-b", Map.of("settings.yaml", configMap("settings", null, "b")));
            cluster.apply("teams", team("team-a", teamA) + "---\n" + team("team-b", teamB));
            cluster.await("both teams' sources synced", SYNC, () -> {
                assertThat(value(cluster, "team-a", "settings")).isEqualTo("a");
                assertThat(value(cluster, "team-b", "settings")).isEqualTo("b");
            });

            String commit = commit(teamA, Map.of("more.yaml", configMap("more", null, "a2"),
                    "takeover.yaml", configMap("settings", "team-b", "taken by a")));
            cluster.await("team-a's commit refused", SYNC, () -> assertThat(message(cluster, "team-a"))
                    .contains("takeover.yaml:2: configmaps \"settings\" is forbidden: User"
                            + " \"system:serviceaccount:team-a:deployer\" cannot get resource \"configmaps\" in API group"
                            + " \"\" in the namespace \"team-b\""));
            assertThat(value(cluster, "team-b", "settings")).isEqualTo("b");
            assertThat(cluster.client().find(ResourceTypes.CONFIG_MAP, "team-a", "more")).isEmpty();
            JsonNode status = cluster.client().get(ResourceTypes.GIT_SOURCE, "team-a", "apps").path("status");
            assertThat(status.path("lastAttemptedCommit").asText()).isEqualTo(commit);
            assertThat(status.path("lastAppliedCommit").asText()).isNotEqualTo(commit);
            assertThat(warnings(cluster, "team-a")).contains("takeover.yaml:2: configmaps \"settings\" is forbidden");
            assertThat(cluster.orc("sync", "status", "apps", "-n", "team-a").out()).contains("Failed");
        }
    }

    @Test
    void aSourceWithoutServiceAccountCannotWriteClusterObjectsOrOtherNamespacesAndAppliesNothingOfThatCommit()
            throws Exception {
        try (E2ECluster cluster = E2ECluster.server(dir, "GitOpsTenancyE2E-unnamed")) {
            Path repo = repository("plain", Map.of("settings.yaml", configMap("settings", null, "1")));
            cluster.apply("plain", namespace("plain") + "---\n" + gitSource("plain", repo, null));
            cluster.await("the source synced its namespace", SYNC, () -> assertThat(value(cluster, "plain", "settings"))
                    .isEqualTo("1"));

            commit(repo, Map.of("settings.yaml", configMap("settings", null, "2"),
                    "admin.yaml", """
                            apiVersion: rbac.authorization.k8s.io/v1
                            kind: ClusterRole
                            metadata:
                              name: plain-admin
                            rules:
                            - apiGroups: ["*"]
                              resources: ["*"]
                              verbs: ["*"]
                            """,
                    "root.yaml", """
                            apiVersion: v1
                            kind: Pod
                            metadata:
                              name: root
                              namespace: kube-system
                            spec:
                              containers: [{name: c, image: orc/busybox:1}]
                              volumes: [{name: h, hostPath: {path: /}}]
                            """));
            cluster.await("the commit refused with file:line and the reason", SYNC, () -> assertThat(message(cluster, "plain"))
                    .contains("apps/admin.yaml:2: clusterroles \"plain-admin\" is forbidden: GitSource \"plain/apps\" has no"
                            + " spec.serviceAccountName, so it may get only namespaced objects in its own namespace \"plain\"")
                    .contains("apps/root.yaml:2: pods \"root\" is forbidden: GitSource \"plain/apps\" has no"
                            + " spec.serviceAccountName, so it may get only namespaced objects in its own namespace"
                            + " \"plain\", not in \"kube-system\""));
            assertThat(value(cluster, "plain", "settings")).isEqualTo("1");
            assertThat(cluster.client().find(ResourceTypes.CLUSTER_ROLE, null, "plain-admin")).isEmpty();
            assertThat(cluster.client().find(ResourceTypes.POD, "kube-system", "root")).isEmpty();
            assertThat(warnings(cluster, "plain")).contains("apps/admin.yaml:2: clusterroles \"plain-admin\" is forbidden");
        }
    }

    private static String value(E2ECluster cluster, String namespace, String name) {
        return cluster.client().find(ResourceTypes.CONFIG_MAP, namespace, name).map(c -> c.at("/data/value").asText())
                .orElse("");
    }

    private static String message(E2ECluster cluster, String namespace) {
        return cluster.client().get(ResourceTypes.GIT_SOURCE, namespace, "apps").at("/status/message").asText();
    }

    /** The messages of the Warning events about the namespace's GitSource, one after another. */
    private static String warnings(E2ECluster cluster, String namespace) {
        StringBuilder messages = new StringBuilder();
        for (JsonNode event : cluster.client().listAll(ResourceTypes.EVENT, namespace,
                dev.orc.api.client.ListOptions.all()).path("items")) {
            if ("Warning".equals(event.path("type").asText()) && "GitSource".equals(event.at("/involvedObject/kind").asText())) {
                messages.append(event.path("message").asText()).append('\n');
            }
        }
        return messages.toString();
    }

    /** A team's namespace, its deployer service account bound to edit there, and its GitSource applying as it. */
    private static String team(String namespace, Path repo) {
        return namespace(namespace) + """
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata:
                  name: deployer-edits
                  namespace: %s
                subjects:
                - kind: ServiceAccount
                  name: deployer
                  namespace: %s
                roleRef:
                  apiGroup: rbac.authorization.k8s.io
                  kind: ClusterRole
                  name: edit
                ---
                """.formatted(namespace, namespace) + gitSource(namespace, repo, "deployer");
    }

    private static String namespace(String name) {
        return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n";
    }

    private static String gitSource(String namespace, Path repo, String serviceAccount) {
        return """
                apiVersion: orc.dev/v1
                kind: GitSource
                metadata:
                  name: apps
                  namespace: %s
                spec:
                  url: %s
                  ref: {branch: main}
                  path: apps
                  interval: 2s
                """.formatted(namespace, repo.toUri()) + (serviceAccount == null ? "" : "  serviceAccountName: " + serviceAccount + "\n");
    }

    private static String configMap(String name, String namespace, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n"
                + (namespace == null ? "" : "  namespace: " + namespace + "\n") + "data:\n  value: \"" + value + "\"\n";
    }

    private Path repository(String name, Map<String, String> files) throws Exception {
        Path repo = dir.resolve("git").resolve(name);
        Files.createDirectories(repo);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.commit().setMessage("empty").setAuthor(AUTHOR).setCommitter(AUTHOR).setAllowEmpty(true).call();
        }
        commit(repo, files);
        return repo;
    }

    /** Writes the files under apps/ and commits them; returns the commit. */
    private static String commit(Path repo, Map<String, String> files) throws Exception {
        Files.createDirectories(repo.resolve("apps"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(repo.resolve("apps").resolve(file.getKey()), file.getValue());
        }
        try (Git git = Git.open(repo.toFile())) {
            git.add().addFilepattern(".").call();
            return git.commit().setMessage("change " + String.join(", ", files.keySet())).setAuthor(AUTHOR)
                    .setCommitter(AUTHOR).call().name();
        }
    }
}
