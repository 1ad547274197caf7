package dev.orc.cli.stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TarFilesTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryPackedUnderANameUnpacksToAnotherPath() throws IOException {
        Path site = Files.createDirectories(dir.resolve("site/css"));
        Files.writeString(dir.resolve("site/index.html"), "<h1>hi</h1>");
        Files.writeString(site.resolve("main.css"), "h1 {}");
        ByteArrayOutputStream archive = new ByteArrayOutputStream();

        TarFiles.pack(dir.resolve("site"), "www", archive);
        int written = TarFiles.unpack(new ByteArrayInputStream(archive.toByteArray()), dir.resolve("copy"));

        assertThat(written).isEqualTo(4);
        assertThat(Files.readString(dir.resolve("copy/index.html"))).isEqualTo("<h1>hi</h1>");
        assertThat(Files.readString(dir.resolve("copy/css/main.css"))).isEqualTo("h1 {}");
    }

    @Test
    void aSingleFileUnpacksAsTheTargetItself() throws IOException {
        Files.writeString(dir.resolve("app.log"), "line\n");
        ByteArrayOutputStream archive = new ByteArrayOutputStream();

        TarFiles.pack(dir.resolve("app.log"), "app.log", archive);
        TarFiles.unpack(new ByteArrayInputStream(archive.toByteArray()), dir.resolve("local.log"));

        assertThat(Files.readString(dir.resolve("local.log"))).isEqualTo("line\n");
    }

    @Test
    void anEntryOutsideTheTargetIsRefused() throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(archive)) {
            byte[] data = "x".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("top/../../escape");
            entry.setSize(data.length);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
        }

        assertThatThrownBy(() -> TarFiles.unpack(new ByteArrayInputStream(archive.toByteArray()), dir.resolve("in")))
                .hasMessageContaining("outside");
        assertThat(dir.resolve("escape")).doesNotExist();
    }
}
