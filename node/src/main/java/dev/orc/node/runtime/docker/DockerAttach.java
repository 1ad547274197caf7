package dev.orc.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecStartCmd;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.orc.node.runtime.AttachedProcess;
import dev.orc.node.runtime.ProcessOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Interactive execs ({@code docker exec -i -t}) and attaches ({@code docker attach}) over docker-java: output frames
 * go to the client's {@link ProcessOutput} as they arrive, input through a {@link StdinPipe}, sizes through the
 * engine's resize calls, the exit code from the engine once the output ended.
 */
final class DockerAttach {
    private final DockerClient streams;
    private final DockerClient requests;
    private final DockerErrors errors;
    private final DockerExec execs;

    DockerAttach(DockerClient streams, DockerClient requests, DockerErrors errors, DockerExec execs) {
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
        StdinPipe input = new StdinPipe();
        Frames frames = new Frames(output);
        try {
            ExecStartCmd start = streams.execStartCmd(execId).withTty(tty);
            if (stdin) {
                start.withStdIn(input.input());
            }
            start.exec(frames);
        } catch (RuntimeException e) {
            throw errors.container("exec in", idOrName, e);
        }
        return new Attached(frames, input, stdin) {
            @Override
            public void resize(int width, int height) {
                if (tty) {
                    try {
                        requests.resizeExecCmd(execId).withSize(height, width).exec();
                    } catch (RuntimeException e) {
                        // the process ended meanwhile: nothing to resize
                    }
                }
            }

            @Override
            int exitCode() throws InterruptedException {
                return execs.exitCode(execId, idOrName, command);
            }
        };
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
