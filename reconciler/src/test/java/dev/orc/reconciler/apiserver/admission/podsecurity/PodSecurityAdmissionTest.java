package dev.orc.reconciler.apiserver.admission.podsecurity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pod Security admission on a real server (security finding H5): a hostPath pod is refused in a namespace without a
 * label (baseline) with Kubernetes' message, allowed in a privileged one and in kube-system; a restricted namespace
 * refuses a pod that does not ask for less; a pod already stored keeps getting its status written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodSecurityAdmissionTest {
    private Store store;
    private ApiServer server;
    private ApiClient client;

    @BeforeAll
    void start() throws Exception {
        store = SqliteStore.open(Files.createTempDirectory("orc-pod-security"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store));
        client = ApiClient.connect(new ClientConfig(server.url(), null, null, "default"));
        client.create(ResourceTypes.NAMESPACE, null, namespace("open", "privileged"), WriteOptions.defaults());
        client.create(ResourceTypes.NAMESPACE, null, namespace("strict", "restricted"), WriteOptions.defaults());
        client.create(ResourceTypes.NAMESPACE, null, namespace("plain", null), WriteOptions.defaults());
        ObjectNode watched = namespace("watched", "baseline");
        watched.with("metadata").with("labels").put(PodSecurityAdmission.WARN, "restricted")
                .put(PodSecurityAdmission.WARN + "-version", "v1.30").put(PodSecurityAdmission.AUDIT, "restricted");
        client.create(ResourceTypes.NAMESPACE, null, watched, WriteOptions.defaults());
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void aHostPathPodIsRefusedWhereBaselineHoldsWithKubernetesWords() {
        assertThatThrownBy(() -> client.create(ResourceTypes.POD, "plain", hostPathPod("h"), WriteOptions.defaults()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.getMessage()).isEqualTo("pods \"h\" is forbidden: violates PodSecurity "
                            + "\"baseline:latest\": hostPath volumes (volume \"root\")");
                });
        assertThatThrownBy(() -> client.create(ResourceTypes.POD, "default", hostPathPod("h"), WriteOptions.defaults()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403));
    }

    @Test
    void privilegedNamespacesAllowItAndAStoredPodKeepsItsStatusWritten() {
        client.create(ResourceTypes.POD, "open", hostPathPod("h"), WriteOptions.defaults());
        client.create(ResourceTypes.POD, "kube-system", hostPathPod("h"), WriteOptions.defaults());
        client.patch(ResourceTypes.NAMESPACE, null, "open", PatchType.MERGE, Json.parse(
                "{\"metadata\":{\"labels\":{\"" + PodSecurityAdmission.ENFORCE + "\":\"baseline\"}}}"),
                WriteOptions.defaults());

        client.patchStatus(ResourceTypes.POD, "open", "h", PatchType.MERGE, Json.parse("{\"status\":{\"phase\":\"Running\"}}"));

        assertThat(client.get(ResourceTypes.POD, "open", "h").path("status").path("phase").asText()).isEqualTo("Running");
    }

    @Test
    void aRestrictedNamespaceRefusesAPodThatDoesNotAskForLess() {
        assertThatThrownBy(() -> client.create(ResourceTypes.POD, "strict", pod("p", "{}"), WriteOptions.defaults()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("pods \"p\" is forbidden: violates PodSecurity \"restricted:latest\": "
                                + "runAsNonRoot != true (pod or container \"app\" must set securityContext.runAsNonRoot=true), "
                                + "seccompProfile (pod or container \"app\" must set securityContext.seccompProfile.type to "
                                + "\"RuntimeDefault\" or \"Localhost\")"));
        client.create(ResourceTypes.POD, "strict", pod("q", """
                {"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}}"""), WriteOptions.defaults());
    }

    @Test
    void theWarnLevelAnswersAPodItAllowsWithAWarningNamingTheVersion() throws Exception {
        HttpResponse<String> created = post("/api/v1/namespaces/watched/pods", pod("w", "{}"));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().allValues("Warning")).containsExactly("299 - \"would violate PodSecurity "
                + "\\\"restricted:v1.30\\\": runAsNonRoot != true (pod or container \\\"app\\\" must set "
                + "securityContext.runAsNonRoot=true), seccompProfile (pod or container \\\"app\\\" must set "
                + "securityContext.seccompProfile.type to \\\"RuntimeDefault\\\" or \\\"Localhost\\\")\"");
    }

    @Test
    void aWorkloadWhoseTemplateFailsTheEnforcedLevelIsCreatedWithAWarning() throws Exception {
        ObjectNode deployment = (ObjectNode) Json.parse("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
                 "spec":{"selector":{"matchLabels":{"app":"d"}},"template":{"metadata":{"labels":{"app":"d"}},
                   "spec":{"containers":[{"name":"app","image":"busybox"}],
                     "volumes":[{"name":"root","hostPath":{"path":"/"}}]}}}}""");

        HttpResponse<String> created = post("/apis/apps/v1/namespaces/plain/deployments", deployment);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().allValues("Warning")).containsExactly("299 - \"would violate PodSecurity "
                + "\\\"baseline:latest\\\": hostPath volumes (volume \\\"root\\\")\"");
    }

    @Test
    void aCronJobsTemplateIsCheckedAndOnePassingGetsNoWarning() throws Exception {
        String cronJob = """
                {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"%s"},
                 "spec":{"schedule":"* * * * *","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"Never",
                   "containers":[{"name":"app","image":"busybox"%s}]}}}}}}""";

        HttpResponse<String> failing = post("/apis/batch/v1/namespaces/plain/cronjobs", (ObjectNode) Json.parse(
                cronJob.formatted("c1", ",\"ports\":[{\"containerPort\":80,\"hostPort\":80}]")));
        HttpResponse<String> passing = post("/apis/batch/v1/namespaces/plain/cronjobs", (ObjectNode) Json.parse(
                cronJob.formatted("c2", "")));

        assertThat(failing.headers().allValues("Warning")).singleElement().asString()
                .contains("\\\"baseline:latest\\\": hostPort (container \\\"app\\\" uses hostPort 80)");
        assertThat(passing.statusCode()).isEqualTo(201);
        assertThat(passing.headers().allValues("Warning")).isEmpty();
    }

    private HttpResponse<String> post(String path, ObjectNode body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static ObjectNode namespace(String name, String level) {
        ObjectNode namespace = (ObjectNode) Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
                + name + "\"}}");
        if (level != null) {
            namespace.with("metadata").putObject("labels").put(PodSecurityAdmission.ENFORCE, level);
        }
        return namespace;
    }

    private static ObjectNode hostPathPod(String name) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{"containers":[{"name":"app","image":"busybox"}],
                   "volumes":[{"name":"root","hostPath":{"path":"/"}}]}}""".formatted(name));
    }

    private static ObjectNode pod(String name, String podSecurityContext) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{"securityContext":%s,"containers":[{"name":"app","image":"busybox",
                   "securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}]}}"""
                .formatted(name, podSecurityContext));
    }
}
