package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityContextSchemaTest {
    private final ManifestValidator validator = ManifestValidator.standard();

    private List<Problem> validate(String podSecurityContext, String containerSecurityContext) {
        JsonNode pod = Manifests.one("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  securityContext: %s
                  containers: [{name: c, image: busybox, securityContext: %s}]
                """.formatted(podSecurityContext, containerSecurityContext)).node();
        return validator.validate(pod);
    }

    @Test
    void theFieldsOrcAppliesAreCheckedNotIgnored() {
        assertThat(validate("{runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true, fsGroup: 2000, "
                        + "supplementalGroups: [3000], seccompProfile: {type: RuntimeDefault}}",
                "{readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false, "
                        + "capabilities: {add: [NET_BIND_SERVICE], drop: [ALL]}, seccompProfile: {type: Unconfined}}"))
                .isEmpty();
    }

    @Test
    void badValuesNameTheirField() {
        assertThat(validate("{runAsUser: -1}", "{capabilities: {drop: [CAP_ALL]}, seccompProfile: {type: Localhost}}"))
                .extracting(Problem::path).containsExactlyInAnyOrder("spec.securityContext.runAsUser",
                        "spec.containers[0].securityContext.capabilities.drop[0]",
                        "spec.containers[0].securityContext.seccompProfile.type");
    }

    @Test
    void theFieldsOrcDoesNotApplyAreReportedAsIgnored() {
        assertThat(validate("{sysctls: [{name: net.ipv4.tcp_syncookies, value: '1'}], seLinuxOptions: {level: s0}}",
                "{procMount: Unmasked, appArmorProfile: {type: RuntimeDefault}}"))
                .containsExactlyInAnyOrder(
                        Problem.warning("spec.securityContext.sysctls", "ignored by orc"),
                        Problem.warning("spec.securityContext.seLinuxOptions", "ignored by orc"),
                        Problem.warning("spec.containers[0].securityContext.procMount", "ignored by orc"),
                        Problem.warning("spec.containers[0].securityContext.appArmorProfile", "ignored by orc"));
    }

    @Test
    void aContainerCannotBePrivilegedWithoutPrivilegeEscalationAsKubernetesRefusesIt() {
        JsonNode job = Manifests.one("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: j}
                spec:
                  schedule: "* * * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers: [{name: c, image: busybox,
                                        securityContext: {privileged: true, allowPrivilegeEscalation: false}}]
                """).node();

        assertThat(validator.validate(job)).containsExactly(Problem.error(
                "spec.jobTemplate.spec.template.spec.containers[0].securityContext",
                "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
    }
}
