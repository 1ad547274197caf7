package dev.orc.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl of the PATH run as a process against one kubeconfig, its home and cache in a directory of the
 * test's, so that it never reads or writes the user's {@code ~/.kube}.
 */
public final class Kubectl {
    private static final long TIMEOUT_SECONDS = 60;

    /** What one kubectl run printed and how it exited. */
    public record Result(int exitCode, String out, String err) {
    }

    private final Path program;
    private final Path kubeconfig;
    private final Path dir;

    private Kubectl(Path program, Path kubeconfig, Path dir) {
        this.program = program;
        this.kubeconfig = kubeconfig;
        this.dir = dir;
    }

    /** kubectl of the PATH using {@code kubeconfig}, with its home and cache under {@code dir}; empty when there is none. */
    public static Optional<Kubectl> onPath(Path kubeconfig, Path dir) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(entry -> Path.of(entry, "kubectl")).filter(Files::isExecutable).findFirst()
                .map(program -> new Kubectl(program, kubeconfig, dir));
    }

    public Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(program.toString(), "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", dir.resolve("kube-cache").toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(dir.resolve("kube-home"));
            Path out = Files.createTempFile(dir, "kubectl-out", ".txt");
            Path err = Files.createTempFile(dir, "kubectl-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("HOME", dir.resolve("kube-home").toString());
            builder.environment().remove("KUBECONFIG");
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not end in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
