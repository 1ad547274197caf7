package dev.orc.api.stream;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortForwardFramesTest {

    @Test
    void eachPortHasADataAndAnErrorChannel() {
        assertThat(PortForwardFrames.dataChannel(0)).isZero();
        assertThat(PortForwardFrames.errorChannel(0)).isEqualTo(1);
        assertThat(PortForwardFrames.dataChannel(2)).isEqualTo(4);
        assertThat(PortForwardFrames.errorChannel(2)).isEqualTo(5);
    }

    @Test
    void theFirstMessageOfAChannelCarriesItsPortLittleEndian() {
        ByteBuffer wire = PortForwardFrames.portPrefix(2, 8080).encode();

        assertThat(wire.remaining()).isEqualTo(3);
        assertThat(new byte[]{wire.get(0), wire.get(1), wire.get(2)}).containsExactly(2, 0x90, 0x1f);
        assertThat(PortForwardFrames.portOf(ChannelFrame.decode(wire))).isEqualTo(8080);
        assertThat(PortForwardFrames.portOf(PortForwardFrames.portPrefix(1, 65535))).isEqualTo(65535);
    }

    @Test
    void portsAreRepeatedOrCommaSeparated() {
        assertThat(PortForwardFrames.ports(Map.of("ports", List.of("80", "8080,9090")))).containsExactly(80, 8080, 9090);
        assertThat(PortForwardFrames.query(List.of(80, 443))).isEqualTo("?ports=80&ports=443");
    }

    @Test
    void badPortsNameTheParameter() {
        assertThatThrownBy(() -> PortForwardFrames.ports(Map.of())).hasMessageContaining("\"ports\" is required");
        assertThatThrownBy(() -> PortForwardFrames.ports(Map.of("ports", List.of("http"))))
                .hasMessageContaining("\"ports\"").hasMessageContaining("http");
        assertThatThrownBy(() -> PortForwardFrames.ports(Map.of("ports", List.of("70000"))))
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> PortForwardFrames.portOf(new ChannelFrame(0, new byte[]{1})))
                .hasMessageContaining("2 bytes");
    }
}
