package dev.orc.api.stream;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelFramingTest {

    @Test
    void aFrameIsItsChannelByteThenItsPayload() {
        ByteBuffer wire = new ChannelFrame(StreamProtocol.STDERR, "oops".getBytes(StandardCharsets.UTF_8)).encode();

        assertThat(wire.remaining()).isEqualTo(5);
        assertThat(wire.get(0)).isEqualTo((byte) 2);
        assertThat(ChannelFrame.decode(wire)).isEqualTo(new ChannelFrame(2, "oops".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theCloseChannelOfV5ReadsAsAnUnsignedByte() {
        ChannelFrame close = ChannelFrame.decode(ByteBuffer.wrap(new byte[]{(byte) 255, 0}));

        assertThat(close.channel()).isEqualTo(StreamProtocol.CLOSE);
        assertThat(close.payload()).containsExactly(StreamProtocol.STDIN);
    }

    @Test
    void anEmptyMessageHasNoChannel() {
        assertThatThrownBy(() -> ChannelFrame.decode(ByteBuffer.allocate(0)))
                .hasMessageContaining("no channel");
    }

    @Test
    void theNewestOfferedProtocolIsChosen() {
        assertThat(StreamProtocol.choose(List.of("v5.channel.k8s.io, v4.channel.k8s.io, base64.channel.k8s.io")))
                .contains(StreamProtocol.V5);
        assertThat(StreamProtocol.choose(List.of("v4.channel.k8s.io"))).contains(StreamProtocol.V4);
        assertThat(StreamProtocol.choose(List.of("channel.k8s.io"))).isEmpty();
    }

    @Test
    void anExitCodeTravelsAsTheKubeletsStatus() {
        String json = new String(ExitStatus.exited(3).toJson(), StandardCharsets.UTF_8);

        assertThat(json).contains("\"status\":\"Failure\"", "\"reason\":\"NonZeroExitCode\"",
                "{\"reason\":\"ExitCode\",\"message\":\"3\"}");
        assertThat(ExitStatus.parse(ExitStatus.exited(3).toJson()).exitCode()).isEqualTo(3);
        assertThat(ExitStatus.parse(ExitStatus.exited(0).toJson()).success()).isTrue();
        assertThat(new String(ExitStatus.exited(0).toJson(), StandardCharsets.UTF_8))
                .isEqualTo("{\"metadata\":{},\"status\":\"Success\"}");
    }

    @Test
    void aFailureThatIsNoExitCodeEndsAClientWithOne() {
        ExitStatus failed = ExitStatus.parse(ExitStatus.failed("container \"db\" not found").toJson());

        assertThat(failed.message()).isEqualTo("container \"db\" not found");
        assertThat(failed.processExitCode()).isEqualTo(1);
    }

    @Test
    void aTerminalSizeIsTheResizeChannelsJson() {
        TerminalSize size = new TerminalSize(120, 40);

        assertThat(new String(size.toJson(), StandardCharsets.UTF_8)).isEqualTo("{\"Width\":120,\"Height\":40}");
        assertThat(TerminalSize.parse(size.toJson())).isEqualTo(size);
        assertThatThrownBy(() -> TerminalSize.parse("{}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("width and height");
    }

    @Test
    void execOptionsComeFromTheQueryKubectlSends() {
        ExecOptions options = ExecOptions.exec(Map.of("command", List.of("sh", "-c", "echo hi"),
                "container", List.of("app"), "stdin", List.of("true"), "stdout", List.of("true"),
                "stderr", List.of("true"), "tty", List.of("false")));

        assertThat(options.command()).containsExactly("sh", "-c", "echo hi");
        assertThat(options.container()).contains("app");
        assertThat(options.stdin() && options.stdout() && options.stderr()).isTrue();
        assertThat(ExecOptions.exec(Map.of("command", List.of("ls"), "stdout", List.of("1"))).toQuery())
                .isEqualTo("?command=ls&stdin=false&stdout=true&stderr=false&tty=false");
    }

    @Test
    void badExecQueriesNameTheParameter() {
        assertThatThrownBy(() -> ExecOptions.exec(Map.of("stdout", List.of("true"))))
                .hasMessageContaining("\"command\"");
        assertThatThrownBy(() -> ExecOptions.exec(Map.of("command", List.of("ls"), "stdout", List.of("yes"))))
                .hasMessageContaining("\"stdout\"").hasMessageContaining("yes");
        assertThatThrownBy(() -> ExecOptions.exec(Map.of("command", List.of("ls"))))
                .hasMessageContaining("\"stdin\", \"stdout\" and \"stderr\"");
        assertThatThrownBy(() -> ExecOptions.attach(Map.of("command", List.of("ls"), "stdout", List.of("true"))))
                .hasMessageContaining("\"command\"");
    }

    @Test
    void aTtyMergesStderrIntoStdout() {
        ExecOptions options = ExecOptions.exec(Map.of("command", List.of("sh"), "stdin", List.of("true"),
                "stderr", List.of("true"), "tty", List.of("true")));

        assertThat(options.stderr()).isFalse();
    }
}
