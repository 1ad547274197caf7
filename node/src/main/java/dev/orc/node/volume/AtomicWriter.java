package dev.orc.node.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a set of files into a volume directory so that a container never sees half an update, as the
 * kubelet's atomic writer does: the files go into a fresh hidden directory {@code ..<timestamp>}, the
 * symlink {@code ..data} is swapped to it by a rename (atomic), and each top-level entry is a symlink
 * through {@code ..data}; the old directory is removed afterwards. A file mounted by itself (subPath)
 * keeps the content it had when the container started.
 */
final class AtomicWriter {

    static final String DATA = "..data";

    private final Clock clock;

    AtomicWriter(Clock clock) {
        this.clock = clock;
    }

    /** Makes {@code dir} hold exactly {@code files} (relative paths); returns false when it already did. */
    boolean write(Path dir, Map<String, ProjectedFile> files) {
        try {
            Files.createDirectories(dir);
            Path data = dir.resolve(DATA);
            if (Files.isSymbolicLink(data) && same(data, files)) {
                return false;
            }
            Path fresh = freshDirectory(dir);
            for (Map.Entry<String, ProjectedFile> file : new TreeMap<>(files).entrySet()) {
                Path target = fresh.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue().content());
                Files.setPosixFilePermissions(target, permissions(file.getValue().mode()));
            }
            Path old = Files.isSymbolicLink(data) ? dir.resolve(Files.readSymbolicLink(data)) : null;
            Path swap = dir.resolve("..data_tmp");
            Files.deleteIfExists(swap);
            Files.createSymbolicLink(swap, fresh.getFileName());
            Files.move(swap, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            linkTopLevel(dir, files);
            if (old != null && !old.equals(fresh)) {
                Trees.delete(old);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write volume files into " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path freshDirectory(Path dir) throws IOException {
        String stamp = clock.instant().toString().replace(':', '_');
        for (int i = 0; ; i++) {
            Path candidate = dir.resolve(".." + stamp + (i == 0 ? "" : "." + i));
            try {
                Files.createDirectory(candidate);
                Files.setPosixFilePermissions(candidate, PosixFilePermissions.fromString("rwxr-xr-x"));
                return candidate;
            } catch (FileAlreadyExistsException e) {
                if (i > 100) {
                    throw e;
                }
            }
        }
    }

    /** Each top-level name links through ..data; links no file needs any more go. */
    private static void linkTopLevel(Path dir, Map<String, ProjectedFile> files) throws IOException {
        Set<String> wanted = new HashSet<>();
        files.keySet().forEach(path -> wanted.add(path.split("/")[0]));
        for (String name : wanted) {
            Path link = dir.resolve(name);
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, Path.of(DATA, name));
            }
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith("..") && !wanted.contains(name) && Files.isSymbolicLink(entry)) {
                    Files.delete(entry);
                }
            }
        }
    }

    private static boolean same(Path data, Map<String, ProjectedFile> files) throws IOException {
        Path current = data.toRealPath();
        Map<String, ProjectedFile> present = new TreeMap<>();
        try (var walk = Files.walk(current)) {
            for (Path file : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                present.put(current.relativize(file).toString(),
                        new ProjectedFile(Files.readAllBytes(file), mode(Files.getPosixFilePermissions(file))));
            }
        }
        return present.equals(new TreeMap<>(files));
    }

    static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder s = new StringBuilder();
        String rwx = "rwx";
        for (int bit = 8; bit >= 0; bit--) {
            s.append((mode & (1 << bit)) != 0 ? rwx.charAt(2 - bit % 3) : '-');
        }
        return PosixFilePermissions.fromString(s.toString());
    }

    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }
}
