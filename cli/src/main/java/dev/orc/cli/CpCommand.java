package dev.orc.cli;

import dev.orc.api.client.StreamConnector;
import dev.orc.api.stream.ExecOptions;
import dev.orc.api.stream.ExitStatus;
import dev.orc.cli.stream.RemoteProcess;
import dev.orc.cli.stream.TarFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code orc cp SRC DEST}, one of them {@code [NAMESPACE/]POD:PATH}: a tar archive through {@code tar} in the
 * container, over exec, as kubectl does (the image needs {@code tar}). An upload is read by {@code head -c SIZE}
 * before {@code tar}: busybox's tar reads on to the end of its input after the archive, and an end of input does not
 * reach a process through every runtime.
 */
@Command(name = "cp", description = "Copy files and directories into and out of a container (needs tar in the image).",
        footerHeading = "%nExamples:%n", footer = {"  orc cp ./site web-1:/www",
        "  orc cp web-1:/var/log/app.log ./app.log", "  orc cp shop/web-1:/etc/config ./config -c sidecar"})
final class CpCommand implements Callable<Integer> {
    private static final Pattern REMOTE = Pattern.compile("^(?:([a-z0-9][a-z0-9.-]*)/)?([a-z0-9][a-z0-9.-]*):(.+)$");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Option(names = {"-c", "--container"}, description = "The container (default: the pod's only one).")
    String container;

    @Parameters(index = "0", paramLabel = "SRC", description = "A local path, or [NAMESPACE/]POD:PATH.")
    String source;

    @Parameters(index = "1", paramLabel = "DEST", description = "A local path, or [NAMESPACE/]POD:PATH.")
    String destination;

    /** A path in a pod's container. */
    private record RemotePath(String namespace, String pod, String path) {
        String parent() {
            int slash = path.replaceAll("/+$", "").lastIndexOf('/');
            return slash < 0 ? "." : slash == 0 ? "/" : path.substring(0, slash);
        }

        String name() {
            String trimmed = path.replaceAll("/+$", "");
            return trimmed.substring(trimmed.lastIndexOf('/') + 1);
        }
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = spec.commandLine();
        Optional<RemotePath> from = remote(source);
        Optional<RemotePath> to = remote(destination);
        if (from.isPresent() == to.isPresent()) {
            throw new CommandLine.ParameterException(cmd, "exactly one of SRC and DEST must be in a pod"
                    + " ([NAMESPACE/]POD:PATH), got \"" + source + "\" and \"" + destination + "\"");
        }
        if (to.isPresent()) {
            return upload(cmd, Path.of(source), to.get());
        }
        return download(cmd, from.get(), Path.of(destination));
    }

    private Optional<RemotePath> remote(String argument) {
        Matcher matcher = REMOTE.matcher(argument);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String namespace = matcher.group(1) != null ? matcher.group(1) : client.namespace();
        return Optional.of(new RemotePath(namespace, matcher.group(2), matcher.group(3)));
    }

    private int upload(CommandLine cmd, Path local, RemotePath target) throws IOException, InterruptedException {
        if (!Files.exists(local)) {
            throw new CommandLine.ParameterException(cmd, "SRC \"" + local + "\" does not exist");
        }
        Path archive = Files.createTempFile("orc-cp-", ".tar");
        try {
            try (OutputStream out = Files.newOutputStream(archive)) {
                TarFiles.pack(local, target.name(), out);
            }
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            ExitStatus status;
            String extract = "head -c " + Files.size(archive) + " | tar -xmf - -C " + quoted(target.parent());
            try (RemoteProcess tar = open(target, List.of("sh", "-c", extract), true, OutputStream.nullOutputStream(),
                    errors);
                 InputStream in = Files.newInputStream(archive)) {
                byte[] buffer = new byte[32 * 1024];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    tar.write(buffer, 0, read);
                }
                tar.closeStdin();
                status = tar.await();
            }
            return finish(cmd, status, errors);
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    private int download(CommandLine cmd, RemotePath from, Path local) throws IOException, InterruptedException {
        Path target = Files.isDirectory(local) ? local.resolve(from.name()) : local;
        Path archive = Files.createTempFile("orc-cp-", ".tar");
        try {
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            ExitStatus status;
            try (OutputStream out = Files.newOutputStream(archive);
                 RemoteProcess tar = open(from, List.of("tar", "-cf", "-", "-C", from.parent(), from.name()), false,
                         out, errors)) {
                status = tar.await();
            }
            if (!status.success()) {
                return finish(cmd, status, errors);
            }
            try (InputStream in = Files.newInputStream(archive)) {
                TarFiles.unpack(in, target);
            }
            return 0;
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    private RemoteProcess open(RemotePath in, List<String> command, boolean stdin, OutputStream out,
                               OutputStream errors) throws IOException, InterruptedException {
        PodStreamRun.requireContainer(client, in.namespace(), in.pod(), container);
        ExecOptions options = new ExecOptions(command, Optional.ofNullable(container), stdin, true, true, false);
        String path = PodStreamRun.path(in.namespace(), in.pod(), "exec") + options.toQuery();
        return RemoteProcess.open(StreamConnector.of(client.config()), path, out, errors);
    }

    private static int finish(CommandLine cmd, ExitStatus status, ByteArrayOutputStream errors) {
        if (status.success()) {
            return 0;
        }
        String said = errors.toString(StandardCharsets.UTF_8).strip();
        cmd.getErr().println("error: " + (said.isEmpty() ? status.message() : said));
        cmd.getErr().flush();
        return status.processExitCode();
    }

    /** A word for {@code sh}, whatever it holds. */
    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
