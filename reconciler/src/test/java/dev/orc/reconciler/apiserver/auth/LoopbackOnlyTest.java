package dev.orc.reconciler.apiserver.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Host and Origin headers a server without authentication answers. */
class LoopbackOnlyTest {
    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "127.0.0.1:6443, -",
            "localhost:6443, -",
            "[::1]:6443, -",
            "127.0.0.1, -",
            "-, -",
            "127.0.0.1:6443, http://127.0.0.1:6443",
            "localhost:6443, https://localhost:6443"})
    void commandLineClientsAndPagesOfThisServerGetIn(String host, String origin) {
        assertThat(LoopbackOnly.refusal(host, origin)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "attacker.example:6443, -",
            "127.0.0.1.attacker.example, -",
            "10.0.0.5:6443, -",
            "[::2]:6443, -",
            "127.0.0.1:6443, https://attacker.example",
            "127.0.0.1:6443, http://127.0.0.1:3000",
            "127.0.0.1:6443, null",
            "127.0.0.1:6443, http://127.0.0.1:6443/x"})
    void otherHostsAndOriginsAreRefused(String host, String origin) {
        assertThat(LoopbackOnly.refusal(host, origin)).isPresent();
    }
}
