package dev.orc.reconciler.apiserver.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditFileTest {
    @TempDir
    Path dir;

    @Test
    void linesAreAppendedToAPrivateFileAndRotatedKeepingTheNewestBackups() throws IOException {
        Path log = dir.resolve("logs/audit.log");
        String line = "x".repeat(399);
        try (AuditFile file = new AuditFile(log, 1024, 2)) {
            for (int i = 0; i < 8; i++) {
                file.append(i + line);
            }
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.getParent()))).isEqualTo("rwx------");
        assertThat(firstCharacters(log)).containsExactly("6", "7");
        assertThat(firstCharacters(dir.resolve("logs/audit.log.1"))).containsExactly("4", "5");
        assertThat(firstCharacters(dir.resolve("logs/audit.log.2"))).containsExactly("2", "3");
        assertThat(dir.resolve("logs/audit.log.3")).doesNotExist();
    }

    @Test
    void aRestartedServerAppendsAndCountsWhatIsAlreadyThere() throws IOException {
        Path log = dir.resolve("audit.log");
        try (AuditFile file = new AuditFile(log, 1024, 1)) {
            file.append("a".repeat(600));
        }
        try (AuditFile file = new AuditFile(log, 1024, 1)) {
            file.append("b".repeat(600));
        }
        assertThat(firstCharacters(log)).containsExactly("b");
        assertThat(firstCharacters(dir.resolve("audit.log.1"))).containsExactly("a");
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThatThrownBy(() -> new AuditFile(dir.resolve("a.log"), 10, 1)).hasMessageContaining("at least 1 KiB");
        assertThatThrownBy(() -> new AuditFile(dir.resolve("a.log"), 4096, -1)).hasMessageContaining("cannot be negative");
    }

    private static List<String> firstCharacters(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.substring(0, 1)).toList();
    }
}
