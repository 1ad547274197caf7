package dev.orc.cli.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortMappingTest {

    @Test
    void aMappingIsLocalColonRemoteOrOnePortForBoth() {
        assertThat(PortMapping.parse("8080:80")).isEqualTo(new PortMapping(8080, 80));
        assertThat(PortMapping.parse("5432")).isEqualTo(new PortMapping(5432, 5432));
        assertThat(PortMapping.parse(":80")).isEqualTo(new PortMapping(0, 80));
    }

    @Test
    void aBadMappingIsRefusedQuotingIt() {
        assertThatThrownBy(() -> PortMapping.parse("http")).hasMessageContaining("\"http\"");
        assertThatThrownBy(() -> PortMapping.parse("8080:70000")).hasMessageContaining("\"8080:70000\"");
        assertThatThrownBy(() -> PortMapping.parse("8080:")).hasMessageContaining("[LOCAL:]REMOTE");
    }
}
