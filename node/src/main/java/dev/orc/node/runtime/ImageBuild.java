package dev.orc.node.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A local image made from files, starting from an empty filesystem (Docker's {@code FROM scratch}).
 *
 * @param tag the reference the image gets, e.g. {@code orc/pause:1}
 * @param files put into the image first, in order
 * @param run commands (exec form, no shell implied) run in the image after the files are in place
 * @param entrypoint the default entrypoint; empty for none
 * @param command the default command
 */
public record ImageBuild(String tag, List<File> files, List<List<String>> run, Map<String, String> env,
                         String workingDir, List<String> entrypoint, List<String> command,
                         Map<String, String> labels) {

    /** Label carrying {@link #digest()}, so an unchanged image is not built again. */
    public static final String DIGEST_LABEL = "dev.orc.image.digest";

    public ImageBuild {
        if (tag == null || tag.isBlank()) {
            throw new IllegalArgumentException("an image build needs a tag");
        }
        files = List.copyOf(files);
        run = run.stream().map(List::copyOf).toList();
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        workingDir = workingDir == null ? "" : workingDir;
        entrypoint = List.copyOf(entrypoint);
        command = List.copyOf(command);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /**
     * A file or directory of the image.
     *
     * @param path absolute path in the image
     * @param mode permission bits, e.g. {@code 0755}
     */
    public record File(String path, int mode, boolean directory, byte[] content) {
        public File {
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/") || path.contains("..")) {
                throw new IllegalArgumentException("image file path must be absolute and without '..', got '" + path + "'");
            }
            content = content.clone();
        }

        public static File regular(String path, int mode, byte[] content) {
            return new File(path, mode, false, content);
        }

        public static File text(String path, String content) {
            return regular(path, 0644, content.getBytes(StandardCharsets.UTF_8));
        }

        public static File directory(String path, int mode) {
            return new File(path, mode, true, new byte[0]);
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof File f && path.equals(f.path) && mode == f.mode && directory == f.directory
                    && Arrays.equals(content, f.content);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, mode, directory, Arrays.hashCode(content));
        }

        @Override
        public String toString() {
            return (directory ? "dir " : "file ") + path + " (" + Integer.toOctalString(mode) + ", " + content.length + " bytes)";
        }
    }

    /** SHA-256 over everything that makes up the image; equal builds have equal digests. */
    public String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (File f : files) {
                update(sha, f.path() + "|" + f.mode() + "|" + f.directory());
                sha.update(f.content);
            }
            update(sha, String.valueOf(run));
            update(sha, String.valueOf(env));
            update(sha, workingDir);
            update(sha, String.valueOf(entrypoint));
            update(sha, String.valueOf(command));
            update(sha, String.valueOf(labels));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void update(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }
}
