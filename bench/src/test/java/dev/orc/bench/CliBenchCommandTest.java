package dev.orc.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CliBenchCommandTest {
    private final StringWriter err = new StringWriter();

    private int orc(String... args) {
        CommandLine cmd = BenchCommand.commandLine();
        cmd.setOut(new PrintWriter(new StringWriter()));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void aRunCountBelowOneIsRefusedNamingTheOption() {
        assertThat(orc("cli", "--runs", "0", "--launcher", "/bin/true")).isEqualTo(2);
        assertThat(err.toString()).contains("--runs must be at least 1");
    }

    @Test
    void startedWithoutTheLauncherItAsksForOne() {
        assertThat(orc("cli")).isEqualTo(2);
        assertThat(err.toString()).contains("--launcher is required");
    }

    @Test
    void eachTimedRunIsOneSample() throws Exception {
        ProcessTimings timings = ProcessTimings.measure(List.of("true"), Map.of(), 1, 3);

        assertThat(timings.samples()).hasSize(3);
        assertThat(timings.min()).isLessThanOrEqualTo(timings.median());
        assertThat(timings.median()).isLessThanOrEqualTo(timings.max());
    }

    @Test
    void aFailedRunIsAnErrorWithItsExitCodeAndMessage() {
        assertThatThrownBy(() -> ProcessTimings.run(List.of("sh", "-c", "echo no server >&2; exit 3"), Map.of()))
                .hasMessageContaining("exited with 3: no server");
    }
}
