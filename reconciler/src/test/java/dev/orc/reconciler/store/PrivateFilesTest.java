package dev.orc.reconciler.store;

import dev.orc.reconciler.apiserver.ServerFiles;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security finding M8: the server's data directory and its secrets are private from their creation: directories
 * 0700, key and token files 0600 (written through a file created 0600, never chmod'ed after the write).
 */
class PrivateFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsWrittenOwnerOnlyEvenOverAWorldReadableOneAndItsNewDirectoriesAreOwnerOnly() throws Exception {
        Path file = dir.resolve("a/b/secret");
        PrivateFiles.write(file, "one");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        PrivateFiles.write(file, "two");

        assertThat(Files.readString(file)).isEqualTo("two");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("a/b"))).isEqualTo("rwx------");
        try (var left = Files.list(dir.resolve("a/b"))) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void aServersDataDirectoryKeepsItsCredentialsOwnerOnly() throws Exception {
        Path data = dir.resolve("data");
        ServerFiles.prepare(data, List.of("localhost"), Instant.now());
        Path storeDir = dir.resolve("store");
        SqliteStore.open(storeDir).close();

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(storeDir)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("pki"))).isEqualTo("rwx------");
        for (String file : List.of("tokens.csv", "pki/ca.key", "pki/server.key")) {
            assertThat(mode(data.resolve(file))).as(file).isEqualTo("rw-------");
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
