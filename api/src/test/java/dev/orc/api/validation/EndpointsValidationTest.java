package dev.orc.api.validation;

import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Endpoints addresses are IP literals a proxy may send traffic to, checked as Kubernetes checks them. */
class EndpointsValidationTest {
    private final ManifestValidator validator = ManifestValidator.standard();

    private List<Problem> validate(String list, String ip) {
        return validator.validate(Json.parse("""
                {"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "db"},
                 "subsets": [{"%s": [{"ip": "10.0.0.5"}, {"ip": "%s"}], "ports": [{"port": 2379}]}]}""".formatted(list, ip)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "169.254.169.254 | may not be in the link-local range (169.254.0.0/16, fe80::/10)",
            "fe80::1         | may not be in the link-local range (169.254.0.0/16, fe80::/10)",
            "0.0.0.0         | may not be unspecified (0.0.0.0)",
            "::              | may not be unspecified (::)",
            "224.0.0.251     | may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)",
            "239.1.2.3       | may not be a multicast address (224.0.0.0/4, ff00::/8)",
            "etcd.example    | must be a valid IP address",
            "10.0.0.256      | must be a valid IP address"})
    void addressesAProxyMustNotReachAreRefusedInKubernetesWords(String ip, String reason) {
        assertThat(validate("addresses", ip)).containsExactly(
                Problem.error("subsets[0].addresses[1].ip", "invalid value \"" + ip + "\": " + reason));
        assertThat(validate("notReadyAddresses", ip)).containsExactly(
                Problem.error("subsets[0].notReadyAddresses[1].ip", "invalid value \"" + ip + "\": " + reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "172.17.0.4", "192.168.1.20", "fd00::4", "127.0.0.1"})
    void podAndNodeAddressesAreAccepted(String ip) {
        assertThat(validate("addresses", ip)).isEmpty();
    }

    @Test
    void subsetsOrAddressesThatAreNotListsAreTheSchemasProblemsNotAnException() {
        List<Problem> objectSubsets = validator.validate(Json.parse("""
                {"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "db"},
                 "subsets": {"addresses": [{"ip": "10.0.0.5"}]}}"""));
        List<Problem> objectAddresses = validator.validate(Json.parse("""
                {"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "db"},
                 "subsets": [{"addresses": {"ip": "10.0.0.5"}, "notReadyAddresses": "10.0.0.6"}]}"""));

        assertThat(objectSubsets).extracting(Problem::path).contains("subsets");
        assertThat(objectAddresses).extracting(Problem::path)
                .contains("subsets[0].addresses", "subsets[0].notReadyAddresses");
    }

    @Test
    void aNameIsNeverLookedUp() {
        assertThat(validate("addresses", "localhost")).containsExactly(
                Problem.error("subsets[0].addresses[1].ip", "invalid value \"localhost\": must be a valid IP address"));
    }
}
