package dev.orc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLimitFlagsTest {
    @TempDir
    Path dir;

    @Test
    void aLimitBelowOneIsRefusedNamingBothFlags() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cmd = Orc.commandLine(new Environment(Map.of(), dir.resolve("home"), new ByteArrayInputStream(new byte[0]),
                Clock.systemUTC()));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        CommandRun run = new CommandRun(cmd.execute("server", "--data-dir", dir.resolve("data").toString(),
                "--listen", "127.0.0.1:0", "--max-mutating-requests-inflight", "0"), out.toString(), err.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--max-requests-inflight and --max-mutating-requests-inflight must be at least 1");
    }
}
