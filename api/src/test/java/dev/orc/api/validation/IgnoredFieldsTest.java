package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IgnoredFieldsTest {
    private final ManifestValidator validator = ManifestValidator.standard();

    @Test
    void eachIgnoredFieldPresentIsReportedOnceAndNothingInsideIt() {
        JsonNode deployment = Manifests.one("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      serviceAccount: web
                      hostNetwork: true
                      securityContext:
                        runAsNonRoot: true
                        runAsUser: 1000
                        seccompProfile: {type: RuntimeDefault}
                      affinity:
                        podAntiAffinity:
                          requiredDuringSchedulingIgnoredDuringExecution:
                            - topologyKey: kubernetes.io/hostname
                              labelSelector: {matchLabels: {app: web}}
                      containers:
                        - name: web
                          image: nginx
                          securityContext:
                            capabilities: {drop: [ALL]}
                          lifecycle:
                            preStop: {exec: {command: [sleep, "5"]}}
                          volumeMounts: [{name: token, mountPath: /var/run/token}]
                      volumes:
                        - name: token
                          projected:
                            sources: [{serviceAccountToken: {path: token}}]
                """).node();

        List<Problem> problems = validator.validate(deployment);

        assertThat(problems).containsExactlyInAnyOrder(
                Problem.warning("spec.template.spec.serviceAccount", "ignored by orc"),
                Problem.warning("spec.template.spec.hostNetwork", "ignored by orc"),
                Problem.warning("spec.template.spec.affinity.podAntiAffinity", "ignored by orc"),
                Problem.warning("spec.template.spec.containers[0].lifecycle", "ignored by orc"),
                Problem.warning("spec.template.spec.volumes[0].projected", "ignored by orc"));
        assertThat(ManifestValidator.hasErrors(problems)).isFalse();
    }

    @Test
    void ignoredFieldsOfServicesAreReportedToo() {
        JsonNode service = Manifests.one("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  type: LoadBalancer
                  externalTrafficPolicy: Local
                  ipFamilyPolicy: SingleStack
                  selector: {app: web}
                  ports: [{port: 80, appProtocol: http}]
                """).node();

        assertThat(validator.validate(service)).containsExactly(
                Problem.warning("spec.externalTrafficPolicy", "ignored by orc"),
                Problem.warning("spec.ipFamilyPolicy", "ignored by orc"),
                Problem.warning("spec.ports[0].appProtocol", "ignored by orc"));
    }

    @Test
    void absentIgnoredFieldsAreNotReported() {
        JsonNode pod = Manifests.one("""
                apiVersion: v1
                kind: Pod
                metadata: {name: plain}
                spec:
                  containers: [{name: main, image: busybox}]
                """).node();

        assertThat(validator.validate(pod)).isEmpty();
    }

    @Test
    void emptyIgnoredFieldsAsChartTemplatesEmitThemAreNotReported() {
        JsonNode pod = Manifests.one("""
                apiVersion: v1
                kind: Pod
                metadata: {name: templated}
                spec:
                  securityContext: {}
                  imagePullSecrets: []
                  priorityClassName: ""
                  containers: [{name: main, image: busybox, securityContext: {}}]
                """).node();

        assertThat(validator.validate(pod)).isEmpty();
    }

    @Test
    void ignoredFieldOfTheWrongTypeIsStillAnError() {
        JsonNode pod = Manifests.one("""
                apiVersion: v1
                kind: Pod
                metadata: {name: plain}
                spec:
                  hostNetwork: "yes please"
                  containers: [{name: main, image: busybox}]
                """).node();

        assertThat(validator.validate(pod)).contains(
                Problem.error("spec.hostNetwork", "expected boolean, got string \"yes please\""));
    }
}
