package dev.orc.reconciler.apiserver.admission.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Pod Security Standards' checks, worded as Kubernetes' pod-security admission words them. */
class PodSecurityStandardsTest {
    private static final String PLAIN = """
            {"containers":[{"name":"app","image":"busybox"}]}""";
    private static final String RESTRICTED = """
            {"securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}},
             "containers":[{"name":"app","image":"busybox","securityContext":{"allowPrivilegeEscalation":false,
               "capabilities":{"drop":["ALL"],"add":["NET_BIND_SERVICE"]}}}],
             "volumes":[{"name":"c","configMap":{"name":"x"}},{"name":"e","emptyDir":{}}]}""";

    @Test
    void aPlainPodIsBaselineButNotRestricted() {
        assertThat(check(Level.BASELINE, PLAIN)).isEmpty();
        assertThat(check(Level.RESTRICTED, PLAIN)).containsExactly(
                "allowPrivilegeEscalation != false (container \"app\" must set securityContext.allowPrivilegeEscalation=false)",
                "unrestricted capabilities (container \"app\" must set securityContext.capabilities.drop=[\"ALL\"])",
                "runAsNonRoot != true (pod or container \"app\" must set securityContext.runAsNonRoot=true)",
                "seccompProfile (pod or container \"app\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")");
    }

    @Test
    void aPodThatAsksForNothingPassesRestricted() {
        assertThat(check(Level.RESTRICTED, RESTRICTED)).isEmpty();
    }

    @Test
    void baselineRefusesHostPathHostPortsAddedCapabilitiesAndUnconfinedSeccomp() {
        String pod = """
                {"hostNetwork":true,
                 "containers":[{"name":"a","image":"busybox","ports":[{"containerPort":80,"hostPort":8080}],
                   "securityContext":{"privileged":true,"capabilities":{"add":["NET_ADMIN","CHOWN","SYS_ADMIN"]},
                     "seccompProfile":{"type":"Unconfined"}}}],
                 "volumes":[{"name":"h","hostPath":{"path":"/"}},{"name":"e","emptyDir":{}}]}""";

        assertThat(check(Level.BASELINE, pod)).containsExactly(
                "host namespaces (hostNetwork=true)",
                "privileged (container \"a\" must not set securityContext.privileged=true)",
                "non-default capabilities (container \"a\" must not include \"NET_ADMIN\", \"SYS_ADMIN\" in securityContext.capabilities.add)",
                "hostPath volumes (volume \"h\")",
                "hostPort (container \"a\" uses hostPort 8080)",
                "seccompProfile (container \"a\" must not set securityContext.seccompProfile.type to \"Unconfined\")");
        assertThat(check(Level.PRIVILEGED, pod)).isEmpty();
    }

    @Test
    void restrictedAlsoRefusesHostPathAsAVolumeTypeAndRootUsers() {
        String pod = RESTRICTED.replace("\"runAsNonRoot\":true", "\"runAsNonRoot\":true,\"runAsUser\":0")
                .replace("{\"name\":\"e\",\"emptyDir\":{}}", "{\"name\":\"h\",\"hostPath\":{\"path\":\"/data\"}}");

        assertThat(check(Level.RESTRICTED, pod)).containsExactly(
                "hostPath volumes (volume \"h\")",
                "restricted volume types (volume \"h\" uses restricted volume type \"hostPath\")",
                "runAsUser=0 (pod must not set runAsUser=0)");
    }

    private static List<String> check(Level level, String spec) {
        JsonNode node = Json.parse(spec);
        return PodSecurityStandards.check(level, node).stream().map(Violation::toString).toList();
    }
}
