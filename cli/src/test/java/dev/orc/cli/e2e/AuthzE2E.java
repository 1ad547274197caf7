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
 * {@code orc auth can-i} agrees; a hostPath pod is refused where baseline holds, in Kubernetes' words; a pod with
 * runAsNonRoot whose image runs as root does not start, with the kubelet's reason, while one with a securityContext
 * runs as its user with no capabilities; a workload is warned of what its pods would violate; a node's credential
 * runs its pods (their Secrets included) but cannot read a Secret no pod of its uses.
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

    @Test
    void aRunAsNonRootPodOfARootImageDoesNotStartAndASecuredOneRunsAsItsUser() {
        cluster.apply("nonroot", Manifests.namespace("nonroot") + """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: rooted, namespace: nonroot}
                spec:
                  securityContext: {runAsNonRoot: true}
                  containers: [{name: app, image: orc/busybox:1, command: [sleep, "3600"]}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: secured, namespace: nonroot}
                spec:
                  securityContext: {runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534,
                                    seccompProfile: {type: RuntimeDefault}}
                  containers:
                    - name: app
                      image: orc/busybox:1
                      command: [sh, -c, "id -u; grep -E '^(CapEff|NoNewPrivs):' /proc/self/status | tr -s '\\t' ' '; touch /x 2>/dev/null || echo read-only; sleep 3600"]
                      securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,
                                        capabilities: {drop: [ALL]}}
                """);

        cluster.await("the secured pod runs as its user", SETTLE, () -> assertThat(
                cluster.orc("logs", "secured", "-n", "nonroot").succeeded().out().lines())
                .containsExactly("65534", "CapEff: 0000000000000000", "NoNewPrivs: 1", "read-only"));
        cluster.await("the root pod waits with the kubelet's reason", SETTLE, () -> assertThat(
                cluster.orc("get", "pod", "rooted", "-n", "nonroot").succeeded().out())
                .contains("CreateContainerConfigError"));
        assertThat(cluster.orc("describe", "pod", "rooted", "-n", "nonroot").succeeded().out())
                .contains("Reason:", "CreateContainerConfigError")
                .contains("container has runAsNonRoot and image will run as root (pod: \"rooted_nonroot(");
    }

    @Test
    void aWorkloadWhosePodsWouldBeRefusedIsWarnedOfItWhenApplied() {
        CommandResult applied = cluster.orc("apply", "-f", cluster.write("warned", Manifests.namespace("warned") + """
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: scan, namespace: warned}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: app, image: orc/busybox:1, command: ["true"],
                                    securityContext: {capabilities: {add: [SYS_ADMIN]}}}]
                """).toString()).succeeded();

        assertThat(applied.err()).contains("would violate PodSecurity \"baseline:latest\": non-default "
                + "capabilities (container \"app\" must not include \"SYS_ADMIN\" in securityContext.capabilities.add)");
    }
}
