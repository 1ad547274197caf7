package dev.orc.cli.e2e;

import dev.orc.node.runtime.ImageBuild;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.ImageInfo;
import dev.orc.node.runtime.docker.DockerRuntime;
import dev.orc.node.testing.DockerForTests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A local image that runs a Java class of the tests with the fabric8 client (and the Vert.x and Netty it brings, which
 * {@code incluster.WebSocketEcho} serves with): {@code FROM scratch} with busybox, a
 * runtime linked by {@code jlink} from this JDK (at {@link #JAVA}), the shared libraries it loads (found with
 * {@code ldd}), the client's jars from the test class path and the test classes under {@link #CLASSES}. Tagged by a
 * hash of what goes in (this JDK's release, the modules, the jars, the classes), so an image already built from the
 * same content is used as it is, and nothing is linked again.
 */
final class JavaImage {
    static final String JAVA = "/jdk/bin/java";
    static final String CLASSES = "/app/classes";
    static final String CLASS_PATH = "/app/lib/*:" + CLASSES;
    private static final String REPOSITORY = "orc/incluster-java";
    private static final List<String> MODULES = List.of("java.base", "java.logging", "java.naming", "java.management",
            "java.net.http", "java.sql", "java.desktop", "java.xml", "java.security.jgss", "jdk.unsupported",
            "jdk.naming.dns", "jdk.crypto.cryptoki", "jdk.zipfs");
    /** The jars of the client and what it needs, by file name. */
    private static final Pattern CLIENT_JARS = Pattern.compile(
            "(kubernetes-|jackson-|snakeyaml|slf4j-|netty-|vertx-|zjsonpatch|commons-compress|commons-io|commons-codec"
                    + "|commons-lang3).*\\.jar");
    private static final Pattern LDD_PATH = Pattern.compile("(/\\S+\\.so[.0-9]*)");

    private JavaImage() {
    }

    /** The tag of the image, built now when no image of that content exists. */
    static String ensure() {
        List<Path> jars = clientJars();
        Path classes = testClasses();
        String tag = REPOSITORY + ":" + contentHash(jars, classes);
        try (DockerRuntime runtime = DockerForTests.connect()) {
            boolean present = runtime.listImages().stream().map(ImageInfo::tags).anyMatch(tags -> tags.contains(tag));
            if (!present) {
                runtime.buildImage(build(tag, jars, classes));
            }
        }
        return tag;
    }

    private static ImageBuild build(String tag, List<Path> jars, Path classes) {
        Path runtimeDir = linkRuntime();
        ImageBuilder image = ImageBuilder.busybox(ImageBuilder.DEFAULT_BUSYBOX, tag);
        Set<String> directories = new LinkedHashSet<>(List.of("/", "/bin", "/tmp", "/etc"));
        addTree(image, runtimeDir, "/jdk", directories);
        for (Path library : sharedLibraries(runtimeDir)) {
            addFile(image, library.toString(), 0755, read(library), directories);
        }
        for (Path jar : jars) {
            addFile(image, "/app/lib/" + jar.getFileName(), 0644, read(jar), directories);
        }
        addTree(image, classes.resolve("dev/orc/cli/e2e/incluster"), CLASSES + "/dev/orc/cli/e2e/incluster", directories);
        return image.build();
    }

    /** A file, after the directories above it that the image does not have yet. */
    private static void addFile(ImageBuilder image, String path, int mode, byte[] content, Set<String> directories) {
        addDirectory(image, Path.of(path).getParent().toString(), directories);
        image.file(path, mode, content);
    }

    private static void addDirectory(ImageBuilder image, String path, Set<String> directories) {
        if (directories.contains(path)) {
            return;
        }
        addDirectory(image, Path.of(path).getParent().toString(), directories);
        image.directory(path);
        directories.add(path);
    }

    private static List<Path> clientJars() {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (CLIENT_JARS.matcher(path.getFileName().toString()).matches()) {
                jars.add(path);
            }
        }
        jars.sort(null);
        return jars;
    }

    private static Path testClasses() {
        try {
            return Path.of(JavaImage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot find the test classes: " + e.getMessage(), e);
        }
    }

    private static String contentHash(List<Path> jars, Path classes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(read(Path.of(System.getProperty("java.home"), "release")));
            digest.update(String.join(",", MODULES).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (Path jar : jars) {
                digest.update(jar.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(read(jar));
            }
            try (Stream<Path> files = Files.walk(classes.resolve("dev/orc/cli/e2e/incluster"))) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    digest.update(read(file));
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path linkRuntime() {
        try {
            Path output = Files.createTempDirectory("orc-incluster-jdk").resolve("jdk");
            run(List.of(Path.of(System.getProperty("java.home"), "bin", "jlink").toString(), "--add-modules",
                    String.join(",", MODULES), "--strip-debug", "--no-man-pages", "--no-header-files",
                    "--output", output.toString()));
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every shared library the runtime's launcher and libraries load, by absolute path. */
    private static Set<Path> sharedLibraries(Path runtimeDir) {
        Set<Path> libraries = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(runtimeDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".so") || f.endsWith(Path.of("bin", "java")))
                    .toList()) {
                Matcher paths = LDD_PATH.matcher(run(List.of("ldd", file.toString())));
                while (paths.find()) {
                    Path library = Path.of(paths.group(1));
                    if (!library.startsWith(runtimeDir) && Files.exists(library)) {
                        libraries.add(library);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return libraries;
    }

    private static void addTree(ImageBuilder image, Path root, String at, Set<String> directories) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted().toList()) {
                String path = at + (file.equals(root) ? "" : "/" + root.relativize(file));
                if (Files.isDirectory(file)) {
                    addDirectory(image, path, directories);
                } else {
                    addFile(image, path, Files.isExecutable(file) ? 0755 : 0644, read(file), directories);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output));
            }
            return new String(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
