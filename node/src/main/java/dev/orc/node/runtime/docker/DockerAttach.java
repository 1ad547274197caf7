package dev.orc.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.orc.node.runtime.AttachedProcess;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.ProcessOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Interactive execs ({@code docker exec -i -t}) and attaches ({@code docker attach}): output goes to the client's
 * {@link ProcessOutput} as it arrives, sizes through the engine's resize calls, the exit code from the engine once
 * the output ended. An exec with input runs on an {@link ExecConnection}, which can end the input; the others on
 * docker-java, an attach's input through a {@link StdinPipe}.
 */
final class DockerAttach {
    private static final int RESIZE_ATTEMPTS = 10;
    private static final long RESIZE_RETRY_MILLIS = 100;

    private final DockerClient streams;
    private final DockerClient requests;
    private final DockerErrors errors;
    private final DockerExec execs;
    private final URI dockerHost;

    DockerAttach(DockerClient streams, DockerClient requests, DockerErrors errors, DockerExec execs, URI dockerHost) {
        this.dockerHost = dockerHost;
        this.streams = streams;
        this.requests = requests;
        this.errors = errors;
        this.execs = execs;
    }

    AttachedProcess exec(String idOrName, List<String> command, boolean tty, boolean stdin, ProcessOutput output) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("exec needs a command");
        }
        String execId;
        try {
            execId = requests.execCreateCmd(idOrName).withCmd(command.toArray(String[]::new)).withTty(tty)
                    .withAttachStdin(stdin).withAttachStdout(true).withAttachStderr(true).exec().getId();
        } catch (RuntimeException e) {
            throw errors.container("exec in", idOrName, e);
        }
        if (stdin) {
            return connected(idOrName, execId, command, tty, output);
        }
        Frames frames = new Frames(output);
        try {
            streams.execStartCmd(execId).withTty(tty).exec(frames);
        } catch (RuntimeException e) {
            throw errors.container("exec in", idOrName, e);
        }
        return new Attached(frames, new StdinPipe(), false) {
            @Override
            public void resize(int width, int height) {
                if (tty) {
                    resizeExec(execId, width, height);
                }
            }

            @Override
            int exitCode() throws InterruptedException {
                return execs.exitCode(execId, idOrName, command);
            }
        };
    }

    /** An exec with input, on a connection of its own that can end the input ({@link ExecConnection}). */
    private AttachedProcess connected(String idOrName, String execId, List<String> command, boolean tty,
                                      ProcessOutput output) {
        ExecConnection connection;
        try {
            connection = ExecConnection.start(dockerHost, execId, tty);
        } catch (IOException e) {
            throw new ContainerRuntimeException("cannot start " + command + " in '" + idOrName + "': "
                    + e.getMessage(), e);
        }
        CompletableFuture<Void> ended = new CompletableFuture<>();
        Thread.ofVirtual().name("orc-exec-output").start(() -> {
            try {
                connection.readOutput(output);
                ended.complete(null);
            } catch (IOException e) {
                ended.completeExceptionally(e);
            }
        });
        OutputStream stdin = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                connection.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                connection.endInput();
            }
        };
        return new AttachedProcess() {
            @Override
            public OutputStream stdin() {
                return stdin;
            }

            @Override
            public void resize(int width, int height) {
                if (tty) {
                    resizeExec(execId, width, height);
                }
            }

            @Override
            public int awaitExit() throws InterruptedException {
                try {
                    ended.get();
                } catch (ExecutionException e) {
                    throw new ContainerRuntimeException("the output of " + command + " in '" + idOrName
                            + "' failed: " + e.getCause().getMessage(), e.getCause());
                }
                return execs.exitCode(execId, idOrName, command);
            }

            @Override
            public void close() {
                try {
                    connection.close();
                } catch (IOException e) {
                    // the engine's connection is gone already
                }
            }
        };
    }

    /**
     * Resizes an exec's terminal. A resize sent as the exec starts can reach the engine before the process runs and
     * be refused: it is tried again, as the docker CLI does, a bounded number of times.
     */
    private void resizeExec(String execId, int width, int height) {
        for (int attempt = 1; ; attempt++) {
            try {
                requests.resizeExecCmd(execId).withSize(height, width).exec();
                return;
            } catch (RuntimeException e) {
                if (attempt == RESIZE_ATTEMPTS) {
                    return;
                }
            }
            try {
                Thread.sleep(RESIZE_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    AttachedProcess attach(String idOrName, boolean stdin, ProcessOutput output) {
        StdinPipe input = new StdinPipe();
        Frames frames = new Frames(output);
        try {
            var attach = streams.attachContainerCmd(idOrName).withStdOut(true).withStdErr(true).withFollowStream(true);
            if (stdin) {
                attach.withStdIn(input.input());
            }
            attach.exec(frames);
        } catch (RuntimeException e) {
            throw errors.container("attach to", idOrName, e);
        }
        return new Attached(frames, input, stdin) {
            @Override
            public void resize(int width, int height) {
                try {
                    requests.resizeContainerCmd(idOrName).withSize(height, width).exec();
                } catch (RuntimeException e) {
                    // a container without a terminal has nothing to resize
                }
            }

            @Override
            int exitCode() {
                var state = requests.inspectContainerCmd(idOrName).exec().getState();
                return Boolean.TRUE.equals(state.getRunning()) || state.getExitCodeLong() == null ? -1
                        : state.getExitCodeLong().intValue();
            }
        };
    }

    /** The engine's output frames, handed on as they come. */
    private static final class Frames extends ResultCallback.Adapter<Frame> {
        private final ProcessOutput output;

        Frames(ProcessOutput output) {
            this.output = output;
        }

        @Override
        public void onNext(Frame frame) {
            output.write(frame.getStreamType() == StreamType.STDERR, frame.getPayload());
        }
    }

    private abstract static class Attached implements AttachedProcess {
        private final Frames frames;
        private final OutputStream stdin;

        Attached(Frames frames, StdinPipe input, boolean stdin) {
            this.frames = frames;
            this.stdin = stdin ? input.output() : OutputStream.nullOutputStream();
        }

        abstract int exitCode() throws InterruptedException;

        @Override
        public OutputStream stdin() {
            return stdin;
        }

        @Override
        public int awaitExit() throws InterruptedException {
            frames.awaitCompletion();
            return exitCode();
        }

        @Override
        public void close() {
            try {
                stdin.close();
                frames.close();
            } catch (IOException e) {
                // the engine's stream is gone already
            }
        }
    }
}
