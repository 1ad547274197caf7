package dev.orc.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HomeTest {
    @Test
    void homeIsTheHomeVariableAsTheShellSetsIt() {
        assertThat(Home.of(Map.of("HOME", "/tmp/someone"))).isEqualTo(Path.of("/tmp/someone"));
    }

    @Test
    void withoutAHomeVariableItIsTheJvmsUserHome() {
        assertThat(Home.of(Map.of())).isEqualTo(Path.of(System.getProperty("user.home")));
        assertThat(Home.of(Map.of("HOME", " "))).isEqualTo(Path.of(System.getProperty("user.home")));
    }

    @Test
    void theClientReadsItsConfigUnderHome() {
        Environment environment = new Environment(Map.of("HOME", "/tmp/someone"), Home.of(Map.of("HOME", "/tmp/someone")),
                System.in, java.time.Clock.systemUTC());
        assertThat(dev.orc.api.client.ClientConfig.location(environment.env(), environment.home()))
                .isEqualTo(Path.of("/tmp/someone/.orc/config"));
    }
}
