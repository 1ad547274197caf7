package dev.orc.cli.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 end to end: one {@code orc server} and one {@code orc node} running on a node token of its own. Tokens
 * issued by {@code orc token create} work at once and stop when revoked; a view user reads but cannot write, and
 * {@code orc auth can-i} agrees; a hostPath pod is refused where baseline holds, in Kubernetes' words; a node's
 * credential runs its pods (their Secrets included) but cannot read a Secret no pod of its uses.
 */
class AuthzE2E {
    private static final Duration SETTLE = Duration.ofSeconds(120);

    @TempDir
    static Path dir;
    private static E2ECluster cluster;
    private static String node;

    @BeforeAll
    static void start() {
        DockerHost.require();
        cluster = E2ECluster.server(dir, "AuthzE2E");
        node = cluster.startNode("n1");
        cluster.apply("team-a", Manifests.namespace("team-a") + """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: team-a}
                data: {color: blue}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: jane-views, namespace: team-a}
                subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
                roleRef: {kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io}
                """);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anIssuedViewTokenReadsCannotWriteAgreesWithCanIAndStopsWhenRevoked() {
        String jane = cluster.orc("token", "create", "--user", "jane", "--ttl", "1h").succeeded().out().strip();

        assertThat(cluster.orc("get", "configmap", "settings", "-n", "team-a", "--token", jane).succeeded().out())
                .contains("settings");
        CommandResult write = cluster.orc("create", "configmap", "mine", "--from-literal", "a=b", "-n", "team-a",
                "--token", jane);
        assertThat(write.exitCode()).isNotZero();
        assertThat(write.err()).contains("User \"jane\" cannot");
        assertThat(cluster.orc("auth", "can-i", "get", "configmaps", "-n", "team-a", "--token", jane).out().strip())
                .isEqualTo("yes");
        CommandResult canCreate = cluster.orc("auth", "can-i", "create", "configmaps", "-n", "team-a", "--token", jane);
        assertThat(canCreate.out().strip()).isEqualTo("no");
        assertThat(canCreate.exitCode()).isEqualTo(1);
        assertThat(cluster.orc("token", "list").succeeded().out()).contains("jane", "system:node:" + node);

        cluster.orc("token", "revoke", jane).succeeded();

        CommandResult revoked = cluster.orc("get", "configmaps", "-n", "team-a", "--token", jane);
        assertThat(revoked.exitCode()).isNotZero();
        assertThat(revoked.err()).containsIgnoringCase("unauthorized");
    }

    @Test
    void aHostPathPodIsRefusedInABaselineNamespaceWithKubernetesWords() {
        cluster.apply("host", Manifests.namespace("host-b"));
        CommandResult refused = cluster.orc("apply", "-f", cluster.write("hostpath", """
                apiVersion: v1
                kind: Pod
                metadata: {name: escape, namespace: host-b}
                spec:
                  containers: [{name: app, image: orc/busybox:1, command: [sleep, "3600"],
                                volumeMounts: [{name: root, mountPath: /host}]}]
                  volumes: [{name: root, hostPath: {path: /}}]
                """).toString());

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("pods \"escape\" is forbidden: violates PodSecurity \"baseline:latest\": "
                + "hostPath volumes (volume \"root\")");
    }

    @Test
    void aNodeCredentialRunsItsPodsWithTheirSecretsButCannotReadAnotherSecret() {
        cluster.apply("secrets", Manifests.namespace("vault") + """
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: mine, namespace: vault}
                stringData: {word: used}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: theirs, namespace: vault}
                stringData: {word: unused}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: reader, namespace: vault}
                spec:
                  containers: [{name: app, image: orc/busybox:1, command: [sh, -c, "echo $WORD; sleep 3600"],
                                env: [{name: WORD, valueFrom: {secretKeyRef: {name: mine, key: word}}}]}]
                """);

        cluster.await("the pod reading its Secret runs on " + node, SETTLE, () -> assertThat(
                cluster.orc("logs", "reader", "-n", "vault").succeeded().out()).contains("used"));
        String nodeToken = cluster.nodeTokenOf(node);
        assertThat(cluster.orc("get", "secret", "mine", "-n", "vault", "--token", nodeToken).succeeded().out())
                .contains("mine");
        CommandResult other = cluster.orc("get", "secret", "theirs", "-n", "vault", "--token", nodeToken);
        assertThat(other.exitCode()).isNotZero();
        assertThat(other.err()).contains("secrets \"theirs\" is forbidden: User \"system:node:" + node + "\" cannot get "
                + "resource \"secrets\" in API group \"\" in the namespace \"vault\"");
        CommandResult list = cluster.orc("get", "pods", "-A", "--token", nodeToken);
        assertThat(list.exitCode()).isNotZero();
    }
}
