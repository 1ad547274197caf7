package dev.orc.cli.stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tar archives {@code orc cp} sends through {@code tar} in the container, as kubectl does: a local file or
 * directory packed under a chosen name, and an archive unpacked to a local path, its top entry renamed to that path
 * and no entry allowed outside it.
 */
public final class TarFiles {
    private TarFiles() {
    }

    /** Writes {@code source} (a file or a directory tree) as entries under {@code name}. */
    public static void pack(Path source, String name, OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(source)) {
                paths = walk.sorted().toList();
            }
            for (Path path : paths) {
                String relative = source.relativize(path).toString();
                String entryName = relative.isEmpty() ? name : name + "/" + relative;
                TarArchiveEntry entry = new TarArchiveEntry(path.toFile(), entryName);
                tar.putArchiveEntry(entry);
                if (Files.isRegularFile(path)) {
                    Files.copy(path, tar);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    /**
     * Unpacks an archive whose entries share one top name into {@code target}: the top entry becomes {@code target},
     * what is below it goes below {@code target}.
     *
     * @return how many entries were written
     */
    public static int unpack(InputStream in, Path target) throws IOException {
        Path base = target.toAbsolutePath().normalize();
        int written = 0;
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            String name = entry.getName().replaceAll("^/+|/+$", "");
            int slash = name.indexOf('/');
            Path destination = slash < 0 ? base : base.resolve(name.substring(slash + 1)).normalize();
            if (!destination.startsWith(base)) {
                throw new IOException("the archive's entry \"" + entry.getName() + "\" points outside " + target);
            }
            if (entry.isDirectory()) {
                Files.createDirectories(destination);
            } else if (entry.isFile()) {
                Files.createDirectories(destination.getParent());
                Files.copy(tar, destination, StandardCopyOption.REPLACE_EXISTING);
            } else {
                continue;
            }
            written++;
        }
        return written;
    }
}
