package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.StreamConnector;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.stream.ExitStatus;
import dev.orc.cli.stream.RemoteProcess;
import dev.orc.cli.stream.Terminal;
import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code orc exec} and {@code orc attach} share: the pod's subresource path, the terminal in raw mode for
 * {@code -t} (restored afterwards) with its size sent at the start and on every change, orc's standard input copied
 * to the process for {@code -i} (its end closing the process's input), and the remote exit code as orc's.
 */
final class PodStreamRun {
    private final ClientOptions client;
    private final CommandLine cmd;

    PodStreamRun(ClientOptions client, CommandLine cmd) {
        this.client = client;
        this.cmd = cmd;
    }

    /** The encoded path of subresource {@code subresource} of pod {@code pod} ({@code NAME} or {@code pod/NAME}). */
    String path(String pod, String subresource) {
        String name = pod.replaceFirst("^(pod|pods|po)/", "");
        if (name.isEmpty() || name.contains("/")) {
            throw new CommandLine.ParameterException(cmd, "POD must be a pod's name or pod/NAME, not \"" + pod + "\"");
        }
        return path(client.namespace(), name, subresource);
    }

    static String path(String namespace, String pod, String subresource) {
        return "/api/v1/namespaces/" + encode(namespace) + "/pods/" + encode(pod) + "/" + subresource;
    }

    /**
     * Reads the pod first, as kubectl does, so that a missing pod or container is told in words (a refused WebSocket
     * handshake tells only its status code).
     */
    static void requireContainer(ClientOptions client, String namespace, String pod, String container) {
        JsonNode spec = client.client().get(ResourceTypes.POD, namespace, pod).path("spec");
        if (container == null) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (String list : List.of("containers", "initContainers")) {
            spec.path(list).forEach(c -> names.add(c.path("name").asText()));
        }
        if (!names.contains(container)) {
            throw new IllegalArgumentException("container " + container + " is not valid for pod " + pod
                    + ", choose one of: " + names);
        }
    }

    /** Whether {@code -t} can be honoured: only when orc's own input is a terminal, as kubectl decides. */
    boolean terminal(boolean tty) {
        if (tty && !Terminal.stdinIsTerminal()) {
            cmd.getErr().println("Unable to use a TTY - input is not a terminal");
            cmd.getErr().flush();
            return false;
        }
        return tty;
    }

    /** Runs the stream at {@code pathAndQuery} to its end and returns orc's exit code. */
    int run(String pathAndQuery, boolean stdin, boolean tty) throws IOException, InterruptedException {
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        ExitStatus status;
        try (RemoteProcess process = RemoteProcess.open(StreamConnector.of(client.config()), pathAndQuery, out, err);
             Terminal raw = tty ? Terminal.raw() : null) {
            if (raw != null) {
                TerminalResizes.follow(process);
            }
            if (stdin) {
                Thread.ofVirtual().name("orc-stdin").start(() -> copyInput(System.in, process));
            }
            status = process.await();
        }
        if (status.exitCode() < 0) {
            cmd.getErr().println("error: " + status.message());
            cmd.getErr().flush();
        }
        return status.processExitCode();
    }

    private static void copyInput(InputStream in, RemoteProcess process) {
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                process.write(buffer, 0, read);
            }
            process.closeStdin();
        } catch (IOException e) {
            // the process ended, or the stream with it: nothing more to send
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
