package dev.orc.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultsTest {

    /** Compares as JSON text, so the order of keys counts. */
    private static void assertDefaultsTo(String input, String expected) {
        assertThat(Json.write(Defaults.apply(Fixtures.yaml(input)))).isEqualTo(Json.write(Fixtures.yaml(expected)));
    }

    @Test
    void deploymentGetsReplicasStrategyLimitsAndPodDefaultsAfterTheKeysTheUserWrote() {
        assertDefaultsTo("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.27
                          ports: [{containerPort: 80}]
                """, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.27
                          ports: [{containerPort: 80, protocol: TCP}]
                          imagePullPolicy: IfNotPresent
                      restartPolicy: Always
                      terminationGracePeriodSeconds: 30
                  replicas: 1
                  strategy:
                    type: RollingUpdate
                    rollingUpdate: {maxUnavailable: 25%, maxSurge: 25%}
                  revisionHistoryLimit: 10
                  progressDeadlineSeconds: 600
                """);
    }

    @Test
    void whatTheUserWroteIsKeptEvenWhereItDiffersFromTheDefault() {
        assertDefaultsTo("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {namespace: shop, name: web}
                spec:
                  replicas: 0
                  strategy: {rollingUpdate: {maxSurge: 1}}
                  revisionHistoryLimit: 2
                  progressDeadlineSeconds: 60
                """, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {namespace: shop, name: web}
                spec:
                  replicas: 0
                  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}, type: RollingUpdate}
                  revisionHistoryLimit: 2
                  progressDeadlineSeconds: 60
                """);
    }

    @Test
    void recreateStrategyGetsNoRollingUpdateParameters() {
        assertDefaultsTo("""
                {apiVersion: apps/v1, kind: Deployment, metadata: {name: w}, spec: {strategy: {type: Recreate}}}
                """, """
                {apiVersion: apps/v1, kind: Deployment, metadata: {name: w, namespace: default},
                 spec: {strategy: {type: Recreate}, replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600}}
                """);
    }

    @Test
    void anExplicitNullIsFilledInPlace() {
        assertDefaultsTo("""
                {apiVersion: apps/v1, kind: ReplicaSet, metadata: {name: r, namespace: null}, spec: {replicas: null, minReadySeconds: 3}}
                """, """
                {apiVersion: apps/v1, kind: ReplicaSet, metadata: {name: r, namespace: default}, spec: {replicas: 1, minReadySeconds: 3}}
                """);
    }

    @Test
    void podGetsRestartPolicyGracePeriodProbeTimingsAndFileModes() {
        assertDefaultsTo("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: ""}
                spec:
                  containers:
                    - name: c
                      image: busybox
                      env: [{name: N, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
                      livenessProbe: {httpGet: {port: 8080}, periodSeconds: 5}
                      readinessProbe: {tcpSocket: {port: 8080}}
                  initContainers:
                    - {name: i, image: "busybox:latest", startupProbe: {exec: {command: ["true"]}}}
                  volumes:
                    - {name: a, configMap: {name: cm}}
                    - {name: b, secret: {secretName: s, defaultMode: 256}}
                    - {name: c, emptyDir: {}}
                """, """
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: default}
                spec:
                  containers:
                    - name: c
                      image: busybox
                      env: [{name: N, valueFrom: {fieldRef: {fieldPath: metadata.name, apiVersion: v1}}}]
                      livenessProbe:
                        httpGet: {port: 8080, path: /, scheme: HTTP}
                        periodSeconds: 5
                        timeoutSeconds: 1
                        successThreshold: 1
                        failureThreshold: 3
                      readinessProbe: {tcpSocket: {port: 8080}, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3}
                      imagePullPolicy: Always
                  initContainers:
                    - name: i
                      image: "busybox:latest"
                      startupProbe: {exec: {command: ["true"]}, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3}
                      imagePullPolicy: Always
                  volumes:
                    - {name: a, configMap: {name: cm, defaultMode: 420}}
                    - {name: b, secret: {secretName: s, defaultMode: 256}}
                    - {name: c, emptyDir: {}}
                  restartPolicy: Always
                  terminationGracePeriodSeconds: 30
                """);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "nginx, Always",
            "nginx:latest, Always",
            "nginx:1.27, IfNotPresent",
            "library/nginx, Always",
            "registry.local:5000/shop/web, Always",
            "registry.local:5000/shop/web:latest, Always",
            "registry.local:5000/shop/web:2.0, IfNotPresent",
            "nginx@sha256:0123456789abcdef, IfNotPresent",
            "nginx:latest@sha256:0123456789abcdef, Always",
            "registry.local:5000/web@sha256:0123456789abcdef, IfNotPresent",
            "localhost:5000, IfNotPresent",
    })
    void imagePullPolicyFollowsTheTagNotTheRegistryPort(String image, String policy) {
        assertThat(Defaults.imagePullPolicy(image)).isEqualTo(policy);
    }

    @Test
    void aGivenImagePullPolicyIsKept() {
        JsonNode container = Defaults.apply(Fixtures.yaml("""
                {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, image: nginx, imagePullPolicy: Never}]}}
                """)).at("/spec/containers/0");
        assertThat(container.get("imagePullPolicy").asText()).isEqualTo("Never");
    }

    @Test
    void jobTemplatesGetNoRestartPolicyAndJobsGetCountsBackoffAndMode() {
        assertDefaultsTo("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: j}
                spec:
                  template:
                    spec:
                      containers: [{name: c, image: "busybox:1.36"}]
                """, """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: j, namespace: default}
                spec:
                  template:
                    spec:
                      containers: [{name: c, image: "busybox:1.36", imagePullPolicy: IfNotPresent}]
                      terminationGracePeriodSeconds: 30
                  completions: 1
                  parallelism: 1
                  backoffLimit: 6
                  completionMode: NonIndexed
                  suspend: false
                """);
    }

    @ParameterizedTest(name = "completions={0} parallelism={1} -> {2}/{3}")
    @CsvSource(nullValues = "-", value = {
            "-, -, 1, 1",
            "5, -, 5, 1",
            "-, 3, -, 3",
            "4, 2, 4, 2",
    })
    void jobCompletionsAndParallelismDefaultAsKubernetesDoes(Integer completions, Integer parallelism,
                                                            Integer wantCompletions, Integer wantParallelism) {
        ObjectNode job = Fixtures.yaml("{apiVersion: batch/v1, kind: Job, metadata: {name: j}, spec: {}}");
        ObjectNode spec = (ObjectNode) job.get("spec");
        if (completions != null) {
            spec.put("completions", completions);
        }
        if (parallelism != null) {
            spec.put("parallelism", parallelism);
        }
        JobSpec defaulted = Json.convert(Defaults.apply(job), Job.class).spec();

        assertThat(defaulted.completions()).isEqualTo(wantCompletions);
        assertThat(defaulted.parallelism()).isEqualTo(wantParallelism);
    }

    @Test
    void cronJobGetsKubernetesPoliciesAndHistoryLimitsAndItsPodTemplateDefaults() {
        assertDefaultsTo("""
                {apiVersion: batch/v1, kind: CronJob, metadata: {name: c},
                 spec: {schedule: '@daily', jobTemplate: {spec: {template: {spec: {restartPolicy: Never}}}}}}
                """, """
                {apiVersion: batch/v1, kind: CronJob, metadata: {name: c, namespace: default},
                 spec: {schedule: '@daily', jobTemplate: {spec: {template: {spec: {restartPolicy: Never,
                        terminationGracePeriodSeconds: 30}}}},
                        concurrencyPolicy: Allow, suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1}}
                """);
    }

    @Test
    void daemonSetGetsRollingUpdateOneUnavailable() {
        assertDefaultsTo("""
                {apiVersion: apps/v1, kind: DaemonSet, metadata: {name: d, namespace: kube-system}, spec: {}}
                """, """
                {apiVersion: apps/v1, kind: DaemonSet, metadata: {name: d, namespace: kube-system},
                 spec: {updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 0}}, revisionHistoryLimit: 10}}
                """);
        assertDefaultsTo("""
                {apiVersion: apps/v1, kind: DaemonSet, metadata: {name: d}, spec: {updateStrategy: {type: OnDelete}, revisionHistoryLimit: 3}}
                """, """
                {apiVersion: apps/v1, kind: DaemonSet, metadata: {name: d, namespace: default}, spec: {updateStrategy: {type: OnDelete}, revisionHistoryLimit: 3}}
                """);
    }

    @Test
    void servicePortsGetTcpAndTargetPortEqualToPortUnlessNamed() {
        assertDefaultsTo("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: web}
                  ports:
                    - {port: 80}
                    - {port: 443, targetPort: https, protocol: TCP}
                    - {port: 53, protocol: UDP, targetPort: 0}
                """, """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec:
                  selector: {app: web}
                  ports:
                    - {port: 80, protocol: TCP, targetPort: 80}
                    - {port: 443, targetPort: https, protocol: TCP}
                    - {port: 53, protocol: UDP, targetPort: 53}
                  type: ClusterIP
                  sessionAffinity: None
                """);
    }

    @Test
    void clientIpAffinityGetsTheThreeHourTimeout() {
        assertDefaultsTo("""
                {apiVersion: v1, kind: Service, metadata: {name: s, namespace: n}, spec: {type: NodePort, sessionAffinity: ClientIP}}
                """, """
                {apiVersion: v1, kind: Service, metadata: {name: s, namespace: n},
                 spec: {type: NodePort, sessionAffinity: ClientIP, sessionAffinityConfig: {clientIP: {timeoutSeconds: 10800}}}}
                """);
    }

    @Test
    void gitSourceGetsPathIntervalPruneSelfHealAndNoRef() {
        assertDefaultsTo("""
                {apiVersion: orc.dev/v1, kind: GitSource, metadata: {name: site}, spec: {url: "file:///repo", prune: false}}
                """, """
                {apiVersion: orc.dev/v1, kind: GitSource, metadata: {name: site, namespace: default},
                 spec: {url: "file:///repo", prune: false, path: "", interval: 1m, selfHeal: true, suspend: false}}
                """);
    }

    @Test
    void secretsAreOpaqueAndEndpointPortsTcp() {
        assertDefaultsTo("{apiVersion: v1, kind: Secret, metadata: {name: s}, data: {a: YQ==}}",
                "{apiVersion: v1, kind: Secret, metadata: {name: s, namespace: default}, data: {a: YQ==}, type: Opaque}");
        assertDefaultsTo("{apiVersion: v1, kind: Endpoints, metadata: {name: e, namespace: n}, subsets: [{ports: [{port: 80}]}]}",
                "{apiVersion: v1, kind: Endpoints, metadata: {name: e, namespace: n}, subsets: [{ports: [{port: 80, protocol: TCP}]}]}");
    }

    @Test
    void clusterScopedKindsGetNoNamespace() {
        assertDefaultsTo("{apiVersion: v1, kind: Node, metadata: {name: n1}}", "{apiVersion: v1, kind: Node, metadata: {name: n1}}");
        assertDefaultsTo("{apiVersion: v1, kind: Namespace, metadata: {name: shop}}", "{apiVersion: v1, kind: Namespace, metadata: {name: shop}}");
    }

    @Test
    void unknownKindsAndFieldsOfTheWrongTypeAreLeftForValidation() {
        String unknown = "{apiVersion: example.com/v1, kind: Widget, metadata: {name: w}, spec: {replicas: null}}";
        assertDefaultsTo(unknown, unknown);
        String wrongTypes = "{apiVersion: apps/v1, kind: Deployment, metadata: {name: w, namespace: n}, spec: {strategy: RollingUpdate, template: {spec: {containers: nope}}}}";
        assertDefaultsTo(wrongTypes, """
                {apiVersion: apps/v1, kind: Deployment, metadata: {name: w, namespace: n},
                 spec: {strategy: RollingUpdate, template: {spec: {containers: nope, restartPolicy: Always, terminationGracePeriodSeconds: 30}},
                        replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600}}
                """);
        assertDefaultsTo("{apiVersion: v1, kind: Pod, spec: [1]}", "{apiVersion: v1, kind: Pod, spec: [1]}");
    }

    static Stream<ObjectNode> everyFixture() {
        return Stream.concat(Fixtures.resource("core.yaml").stream(), Fixtures.resource("workloads.yaml").stream());
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("everyFixture")
    void defaultingTwiceChangesNothingMoreAndLeavesTheInputAlone(ObjectNode object) {
        String before = Json.write(object);
        ObjectNode once = Defaults.apply(object);

        assertThat(Json.write(Defaults.apply(once))).isEqualTo(Json.write(once));
        assertThat(Json.write(object)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("everyFixture")
    void defaultedObjectsStillReadAsViews(ObjectNode object) {
        KubeObject view = Json.convert(Defaults.apply(object), Fixtures.VIEWS.get(object.get("kind").asText()));

        assertThat(view.name()).isEqualTo(object.at("/metadata/name").asText());
    }
}
