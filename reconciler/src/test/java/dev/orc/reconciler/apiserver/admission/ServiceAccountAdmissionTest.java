package dev.orc.reconciler.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.status.ApiException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceAccountAdmissionTest {
    private final Map<String, JsonNode> accounts = Map.of(
            "shop/default", Json.parse("{\"metadata\":{\"name\":\"default\"}}"),
            "shop/quiet", Json.parse("{\"metadata\":{\"name\":\"quiet\"},\"automountServiceAccountToken\":false}"));
    private final ServiceAccountAdmission admission = new ServiceAccountAdmission(
            (namespace, name) -> Optional.ofNullable(accounts.get(namespace + "/" + name)));

    private static ObjectNode pod(String spec) {
        return (ObjectNode) Json.parse("{\"metadata\":{\"name\":\"web\"},\"spec\":" + spec + "}");
    }

    @Test
    void aPodNamingNoAccountRunsAsDefault() {
        ObjectNode admitted = admission.check("shop", pod("{\"containers\":[]}"));

        assertThat(admitted.at("/spec/serviceAccountName").asText()).isEqualTo("default");
        assertThat(admitted.at("/spec/automountServiceAccountToken").isMissingNode()).isTrue();
    }

    @Test
    void aPodNamingAMissingAccountIsRefusedAsKubernetesWordsIt() {
        assertThatThrownBy(() -> admission.check("shop", pod("{\"serviceAccountName\":\"builder\"}")))
                .isInstanceOf(ApiException.Forbidden.class)
                .hasMessage("pods \"web\" is forbidden: error looking up service account shop/builder: serviceaccount"
                        + " \"builder\" not found");
    }

    @Test
    void theDefaultAccountNotMadeYetLetsThePodIn() {
        assertThat(admission.check("fresh", pod("{}")).at("/spec/serviceAccountName").asText()).isEqualTo("default");
    }

    @Test
    void anAccountThatMountsNoTokenMarksItsPodsUnlessThePodAsks() {
        assertThat(admission.check("shop", pod("{\"serviceAccountName\":\"quiet\"}"))
                .at("/spec/automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(admission.check("shop", pod("{\"serviceAccountName\":\"quiet\",\"automountServiceAccountToken\":true}"))
                .at("/spec/automountServiceAccountToken").asBoolean()).isTrue();
    }

    @Test
    void aStoredPodIsLeftAsItIs() {
        ObjectNode stored = (ObjectNode) Json.parse("{\"metadata\":{\"name\":\"web\",\"uid\":\"u1\"},"
                + "\"spec\":{\"serviceAccountName\":\"gone\"}}");

        assertThat(admission.check("shop", stored)).isEqualTo(stored);
    }
}
