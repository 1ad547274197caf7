package dev.orc.node.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small images with no registry: an empty filesystem, the static busybox binary with its
 * applets installed as links in {@code /bin}, a {@code /tmp}, and optional extra files.
 * Provides the pod infrastructure image and the image tests and demos run.
 */
public final class ImageBuilder {

    /** Where Debian's busybox-static puts the binary. */
    public static final Path DEFAULT_BUSYBOX = Path.of("/bin/busybox");
    public static final String PAUSE_IMAGE = "orc/pause:1";
    public static final String BUSYBOX_IMAGE = "orc/busybox:1";

    /** Sleeps until SIGTERM, then exits 0: all an infrastructure container has to do. */
    public static final List<String> PAUSE_COMMAND =
            List.of("sh", "-c", "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait; done");

    private final byte[] busybox;
    private final String tag;
    private final List<ImageBuild.File> files = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private String workingDir = "";
    private List<String> command = List.of("sh");

    private ImageBuilder(byte[] busybox, String tag) {
        this.busybox = busybox;
        this.tag = tag;
        env.put("PATH", "/bin");
    }

    /** Starts an image of the given tag around the busybox binary at that path. */
    public static ImageBuilder busybox(Path busyboxBinary, String tag) {
        try {
            return new ImageBuilder(Files.readAllBytes(busyboxBinary), tag);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the busybox binary at " + busyboxBinary
                    + " (Debian: apt-get install busybox-static)", e);
        }
    }

    /** The pod infrastructure image {@value #PAUSE_IMAGE}: holds a network namespace and exits on TERM. */
    public static ImageBuild pauseImage(Path busyboxBinary) {
        return busybox(busyboxBinary, PAUSE_IMAGE).command(PAUSE_COMMAND).label("dev.orc.role", "pause").build();
    }

    /** The general image {@value #BUSYBOX_IMAGE} for tests and demos; runs {@code sh} by default. */
    public static ImageBuild busyboxImage(Path busyboxBinary) {
        return busybox(busyboxBinary, BUSYBOX_IMAGE).build();
    }

    /**
     * Makes the image present: builds it unless an image of that tag built from the same definition
     * is already there.
     */
    public static ImageInfo ensure(ContainerRuntime runtime, ImageBuild build) {
        String digest = build.digest();
        return runtime.listImages().stream()
                .filter(image -> image.tags().contains(build.tag()))
                .filter(image -> digest.equals(image.labels().get(ImageBuild.DIGEST_LABEL)))
                .findFirst()
                .orElseGet(() -> runtime.buildImage(build));
    }

    public ImageBuilder file(String path, int mode, byte[] content) {
        files.add(ImageBuild.File.regular(path, mode, content));
        return this;
    }

    public ImageBuilder textFile(String path, String content) {
        files.add(ImageBuild.File.text(path, content));
        return this;
    }

    public ImageBuilder directory(String path) {
        files.add(ImageBuild.File.directory(path, 0755));
        return this;
    }

    public ImageBuilder env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public ImageBuilder label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    public ImageBuilder workingDir(String workingDir) {
        this.workingDir = workingDir;
        return this;
    }

    public ImageBuilder command(List<String> command) {
        this.command = List.copyOf(command);
        return this;
    }

    public ImageBuild build() {
        List<ImageBuild.File> all = new ArrayList<>();
        all.add(ImageBuild.File.directory("/bin", 0755));
        all.add(ImageBuild.File.regular("/bin/busybox", 0755, busybox));
        all.add(ImageBuild.File.directory("/tmp", 01777));
        all.add(ImageBuild.File.directory("/etc", 0755));
        all.add(ImageBuild.File.text("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n"));
        all.add(ImageBuild.File.text("/etc/group", "root:x:0:\nnogroup:x:65534:\n"));
        all.addAll(files);
        List<List<String>> run = List.of(List.of("/bin/busybox", "--install", "-s", "/bin"));
        return new ImageBuild(tag, all, run, env, workingDir, List.of(), command, labels);
    }
}
