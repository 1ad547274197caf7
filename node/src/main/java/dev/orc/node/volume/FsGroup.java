package dev.orc.node.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A pod's {@code fsGroup} on a volume it writes, as the kubelet sets it: every file and directory group-owned by it
 * and group-writable, directories setgid so that what is made in them inherits the group. The tree is walked only
 * when its root is not yet owned so (Kubernetes' {@code fsGroupChangePolicy: OnRootMismatch}); symlinks are not
 * followed.
 */
final class FsGroup {
    private static final int GROUP_RW = 0060;
    private static final int GROUP_X = 0010;
    private static final int SETGID = 02000;

    private FsGroup() {
    }

    static void apply(Path root, long gid) {
        try {
            if (owned(root, gid)) {
                return;
            }
            List<Path> paths;
            try (Stream<Path> tree = Files.walk(root)) {
                paths = tree.toList();
            }
            for (Path path : paths) {
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                Files.setAttribute(path, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
                boolean directory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
                int wanted = mode | GROUP_RW | (directory ? GROUP_X | SETGID : 0);
                if (wanted != mode) {
                    Files.setAttribute(path, "unix:mode", wanted, LinkOption.NOFOLLOW_LINKS);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + root + " to fsGroup " + gid + ": " + e.getMessage(), e);
        }
    }

    private static boolean owned(Path root, long gid) throws IOException {
        int mode = (Integer) Files.getAttribute(root, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return ((Integer) Files.getAttribute(root, "unix:gid", LinkOption.NOFOLLOW_LINKS)) == gid
                && (mode & SETGID) != 0;
    }
}
