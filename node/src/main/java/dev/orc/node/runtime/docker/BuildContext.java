package dev.orc.node.runtime.docker;

import dev.orc.node.runtime.ImageBuild;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns an {@link ImageBuild} into a Docker build context: a Dockerfile from scratch plus a rootfs/ tree. */
final class BuildContext {

    private static final String ROOTFS = "rootfs";
    private static final int BLOCK = 512;

    private BuildContext() {
    }

    /** The context as a ustar archive: the Dockerfile, then rootfs/ and the files under it. */
    static byte[] tar(ImageBuild build) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, BLOCK, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            file(tar, "Dockerfile", 0644, dockerfile(build).getBytes(StandardCharsets.UTF_8));
            directory(tar, ROOTFS, 0755);
            for (ImageBuild.File file : build.files()) {
                String path = ROOTFS + file.path();
                if (file.directory()) {
                    directory(tar, path, file.mode());
                } else {
                    file(tar, path, file.mode(), file.content());
                }
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the build context of " + build.tag() + " in memory", e);
        }
        return bytes.toByteArray();
    }

    private static void directory(TarArchiveOutputStream tar, String path, int mode) throws IOException {
        tar.putArchiveEntry(entry(path.endsWith("/") ? path : path + "/", mode, 0));
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String path, int mode, byte[] content) throws IOException {
        tar.putArchiveEntry(entry(path, mode, content.length));
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** An entry owned by root with time 0, so that equal builds give equal archives. */
    private static TarArchiveEntry entry(String path, int mode, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(path);
        entry.setMode(mode & 07777);
        entry.setSize(size);
        entry.setModTime(0);
        entry.setIds(0, 0);
        entry.setUserName("");
        entry.setGroupName("");
        return entry;
    }

    static String dockerfile(ImageBuild build) {
        StringBuilder d = new StringBuilder("FROM scratch\n");
        d.append("COPY ").append(ROOTFS).append("/ /\n");
        for (List<String> step : build.run()) {
            d.append("RUN ").append(jsonArray(step)).append('\n');
        }
        for (Map.Entry<String, String> e : build.env().entrySet()) {
            d.append("ENV ").append(e.getKey()).append('=').append(quoted(e.getValue())).append('\n');
        }
        if (!build.workingDir().isEmpty()) {
            d.append("WORKDIR ").append(build.workingDir()).append('\n');
        }
        if (!build.entrypoint().isEmpty()) {
            d.append("ENTRYPOINT ").append(jsonArray(build.entrypoint())).append('\n');
        }
        if (!build.command().isEmpty()) {
            d.append("CMD ").append(jsonArray(build.command())).append('\n');
        }
        d.append("LABEL ").append(quoted(ImageBuild.DIGEST_LABEL)).append('=').append(quoted(build.digest()));
        for (Map.Entry<String, String> e : build.labels().entrySet()) {
            d.append(' ').append(quoted(e.getKey())).append('=').append(quoted(e.getValue()));
        }
        return d.append('\n').toString();
    }

    private static String jsonArray(List<String> values) {
        return values.stream().map(BuildContext::jsonString).collect(Collectors.joining(",", "[", "]"));
    }

    /** A double-quoted ENV or LABEL value, where the builder would otherwise expand {@code $}. */
    private static String quoted(String value) {
        return jsonString(value).replace("$", "\\$");
    }

    private static String jsonString(String value) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
