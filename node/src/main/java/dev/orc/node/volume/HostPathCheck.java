package dev.orc.node.volume;


import dev.orc.node.config.ContainerConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Kubernetes' hostPath {@code type} checks, creating the path for the {@code ...OrCreate} types. */
final class HostPathCheck {

    private static final int FORMAT = 0170000;
    private static final int SOCKET = 0140000;
    private static final int CHAR_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;

    private HostPathCheck() {
    }

    static void check(String volume, Path path, String type) {
        try {
            switch (type == null ? "" : type) {
                case "" -> { }
                case "DirectoryOrCreate" -> {
                    if (!Files.exists(path)) {
                        Files.createDirectories(path);
                        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                    require(Files.isDirectory(path), volume, path, "a directory");
                }
                case "Directory" -> require(Files.isDirectory(path), volume, path, "an existing directory");
                case "FileOrCreate" -> {
                    if (!Files.exists(path)) {
                        Files.createDirectories(path.getParent());
                        Files.createFile(path);
                        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                    require(Files.isRegularFile(path), volume, path, "a file");
                }
                case "File" -> require(Files.isRegularFile(path), volume, path, "an existing file");
                case "Socket" -> require(format(path) == SOCKET, volume, path, "a UNIX socket");
                case "CharDevice" -> require(format(path) == CHAR_DEVICE, volume, path, "a character device");
                case "BlockDevice" -> require(format(path) == BLOCK_DEVICE, volume, path, "a block device");
                default -> throw new ContainerConfigException("volume " + volume + ": hostPath type \"" + type
                        + "\" is not one of Directory, DirectoryOrCreate, File, FileOrCreate, Socket, CharDevice,"
                        + " BlockDevice");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("volume " + volume + ": cannot create hostPath " + path + ": " + e.getMessage(), e);
        }
    }

    private static int format(Path path) throws IOException {
        if (!Files.exists(path)) {
            return -1;
        }
        return ((Integer) Files.getAttribute(path, "unix:mode")) & FORMAT;
    }

    private static void require(boolean ok, String volume, Path path, String what) {
        if (!ok) {
            throw new ContainerConfigException("volume " + volume + ": hostPath " + path + " is not " + what);
        }
    }
}
