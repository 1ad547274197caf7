package dev.orc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ServerFlagsTest {
    @TempDir
    Path dir;

    @Test
    void aLimitBelowOneIsRefusedNamingBothFlags() {
        CommandRun run = CommandRun.inHome(dir.resolve("home"), "server", "--data-dir", dir.resolve("data").toString(),
                "--listen", "127.0.0.1:0", "--max-mutating-requests-inflight", "0");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--max-requests-inflight and --max-mutating-requests-inflight must be at least 1");
    }

    @Test
    void anUnknownLogLevelIsRefusedNamingTheFlagAndTheLevels() {
        CommandRun run = CommandRun.inHome(dir.resolve("home"), "server", "--log-level", "loud");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("invalid --log-level \"loud\": use error, warn, info, debug or trace");
    }
}
