package dev.orc.reconciler.apiserver.audit;

import dev.orc.reconciler.store.PrivateFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The audit log on disk: one line per event appended to {@code path} (0600), rotated when the next line would take it
 * past {@code maxBytes}: {@code path} becomes {@code path.1}, {@code path.1} becomes {@code path.2}, and so on, keeping
 * at most {@code maxBackups} old files. Each line is written whole and flushed before the request's answer is counted
 * done, as kube-apiserver's blocking log backend does, so a crash loses no recorded request.
 */
public final class AuditFile implements AutoCloseable {
    private final Path path;
    private final long maxBytes;
    private final int maxBackups;
    private OutputStream out;
    private long size;

    public AuditFile(Path path, long maxBytes, int maxBackups) throws IOException {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("the audit log's maximum size must be at least 1 KiB, not " + maxBytes + " bytes");
        }
        if (maxBackups < 0) {
            throw new IllegalArgumentException("the number of old audit logs to keep cannot be negative: " + maxBackups);
        }
        this.path = path;
        this.maxBytes = maxBytes;
        this.maxBackups = maxBackups;
        open();
    }

    public synchronized void append(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (size > 0 && size + bytes.length > maxBytes) {
                rotate();
            }
            out.write(bytes);
            out.flush();
            size += bytes.length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log " + path + ": " + e.getMessage(), e);
        }
    }

    private void open() throws IOException {
        out = PrivateFiles.append(path);
        size = Files.size(path);
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(backup(maxBackups));
        for (int i = maxBackups - 1; i >= 1; i--) {
            if (Files.exists(backup(i))) {
                Files.move(backup(i), backup(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (maxBackups > 0) {
            Files.move(path, backup(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(path);
        }
        open();
    }

    private Path backup(int index) {
        return path.resolveSibling(path.getFileName() + "." + index);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
