package dev.orc.reconciler.apiserver.audit;

import dev.orc.reconciler.apiserver.auth.RequestAttributes;
import dev.orc.reconciler.apiserver.auth.UserInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditPolicyTest {
    private static final UserInfo JANE = new UserInfo("jane", "1", List.of("developers", "system:authenticated"));
    private static final UserInfo NODE = new UserInfo("system:node:n1", "", List.of("system:nodes"));

    @TempDir
    Path dir;

    @Test
    void theFirstMatchingRuleDecidesAndNoMatchRecordsNothing() throws IOException {
        AuditPolicy policy = read("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                omitStages: [RequestReceived]
                rules:
                - level: None
                  userGroups: [system:nodes]
                  verbs: [get, watch, update]
                  resources:
                  - group: coordination.k8s.io
                    resources: [leases]
                - level: Metadata
                  resources:
                  - group: ""
                    resources: [secrets, configmaps]
                - level: Request
                  namespaces: [team-a]
                - level: Metadata
                  nonResourceURLs: [/version, /healthz*]
                """);

        assertThat(policy.levelFor(NODE, pathOf("PUT", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1")))
                .isEqualTo(AuditLevel.NONE);
        assertThat(policy.levelFor(JANE, pathOf("PUT", "/apis/coordination.k8s.io/v1/namespaces/team-a/leases/x")))
                .isEqualTo(AuditLevel.REQUEST);
        assertThat(policy.levelFor(JANE, pathOf("POST", "/api/v1/namespaces/team-a/secrets"))).isEqualTo(AuditLevel.METADATA);
        assertThat(policy.levelFor(JANE, pathOf("POST", "/api/v1/namespaces/team-a/pods"))).isEqualTo(AuditLevel.REQUEST);
        assertThat(policy.levelFor(JANE, pathOf("POST", "/api/v1/namespaces/team-b/pods"))).isEqualTo(AuditLevel.NONE);
        assertThat(policy.levelFor(JANE, pathOf("GET", "/healthz/ping"))).isEqualTo(AuditLevel.METADATA);
        assertThat(policy.levelFor(JANE, pathOf("GET", "/metrics"))).isEqualTo(AuditLevel.NONE);
    }

    @Test
    void subresourcesAndResourceNamesMatchAsKubernetesWritesThem() throws IOException {
        AuditPolicy policy = read("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                - level: None
                  resources:
                  - group: ""
                    resources: [pods/log, pods/status]
                - level: Request
                  resources:
                  - group: ""
                    resources: [configmaps]
                    resourceNames: [settings]
                - level: Metadata
                  resources:
                  - group: ""
                    resources: ["pods/*"]
                """);

        assertThat(policy.levelFor(JANE, pathOf("GET", "/api/v1/namespaces/a/pods/web/log"))).isEqualTo(AuditLevel.NONE);
        assertThat(policy.levelFor(JANE, pathOf("POST", "/api/v1/namespaces/a/pods/web/eviction")))
                .isEqualTo(AuditLevel.METADATA);
        assertThat(policy.levelFor(JANE, pathOf("GET", "/api/v1/namespaces/a/pods/web"))).isEqualTo(AuditLevel.METADATA);
        assertThat(policy.levelFor(JANE, pathOf("GET", "/api/v1/namespaces/a/services/web"))).isEqualTo(AuditLevel.NONE);
        assertThat(policy.levelFor(JANE, pathOf("PUT", "/api/v1/namespaces/a/configmaps/settings")))
                .isEqualTo(AuditLevel.REQUEST);
        assertThat(policy.levelFor(JANE, pathOf("PUT", "/api/v1/namespaces/a/configmaps/other"))).isEqualTo(AuditLevel.NONE);
    }

    @Test
    void mistakesAreRefusedWithFileLineAndField() throws IOException {
        assertThatThrownBy(() -> read("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                - level: Metadata
                - level: Everything
                """)).hasMessageEndingWith("policy.yaml:5:10: rules[1].level: unknown level \"Everything\": expected None,"
                + " Metadata, Request or RequestResponse");
        assertThatThrownBy(() -> read("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                - level: Metadata
                  verb: [get]
                """)).hasMessageEndingWith("policy.yaml:5:3: rules[0].verb: unknown field");
        assertThatThrownBy(() -> read("""
                apiVersion: audit.k8s.io/v1beta1
                kind: Policy
                rules: [{level: None}]
                """)).hasMessageContaining("expected apiVersion audit.k8s.io/v1 and kind Policy");
        assertThatThrownBy(() -> read("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules: []
                """)).hasMessageContaining("rules: an audit Policy needs at least one rule");
    }

    @Test
    void withoutAPolicyFileEveryRequestIsRecordedAtMetadata() {
        assertThat(AuditPolicy.metadataForEverything().levelFor(JANE, pathOf("DELETE", "/api/v1/namespaces/a/pods/x")))
                .isEqualTo(AuditLevel.METADATA);
    }

    private AuditPolicy read(String text) throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, text);
        return AuditPolicy.read(file);
    }

    private static RequestAttributes pathOf(String method, String path) {
        return RequestAttributes.of(method, path, false);
    }
}
