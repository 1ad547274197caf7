package dev.orc.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardBenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int orc(String path, String... args) {
        DashboardBenchCommand command = new DashboardBenchCommand();
        command.path = path;
        CommandLine cmd = new CommandLine(command);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void withoutChromiumItSkipsInOneLineAndSucceeds(@TempDir Path empty) {
        assertThat(orc(empty.toString())).isZero();

        assertThat(out.toString()).isEqualTo("orc bench dashboard: skipped: chromium and chromedriver not found on PATH"
                + " (Debian: apt-get install chromium chromium-driver)" + System.lineSeparator());
    }

    @Test
    void itNamesOnlyTheProgramThatIsMissing(@TempDir Path dir) throws Exception {
        Path chromium = Files.createFile(dir.resolve("chromium"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThat(HeadlessChromium.missing(dir.toString())).containsExactly("chromedriver");
        assertThat(HeadlessChromium.missing(dir + ":" + chromium.getParent())).containsExactly("chromedriver");
        assertThat(HeadlessChromium.missing(null)).isEqualTo(List.of("chromium", "chromedriver"));
    }

    @Test
    void aCountBelowOneIsRefusedNamingTheOptions(@TempDir Path empty) {
        assertThat(orc(empty.toString(), "--loads", "0")).isEqualTo(2);

        assertThat(err.toString()).contains("--loads").contains("must be at least 1");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theBenchIsAnOrcBenchCommand() {
        assertThat(BenchCommand.commandLine().getSubcommands()).containsKey("dashboard");
    }

    @Test
    void theMedianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(PageLoad.medianOf(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(PageLoad.medianOf(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThat(PageLoad.medianOf(List.of())).isNaN();
    }
}
