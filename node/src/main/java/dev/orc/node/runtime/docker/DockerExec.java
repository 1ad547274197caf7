package dev.orc.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.ExecResult;
import dev.orc.node.runtime.RuntimeTimeoutException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command in a running container, collecting bounded output, within a timeout. */
final class DockerExec {

    /** After the output stream ends the engine may take a moment to record the exit code. */
    private static final int EXIT_CODE_POLLS = 50;
    private static final long EXIT_CODE_POLL_MILLIS = 20;

    private final DockerClient streams;
    private final DockerClient requests;
    private final DockerErrors errors;

    DockerExec(DockerClient streams, DockerClient requests, DockerErrors errors) {
        this.streams = streams;
        this.requests = requests;
        this.errors = errors;
    }

    ExecResult run(String idOrName, List<String> command, Duration timeout) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("exec needs a command");
        }
        String execId;
        try {
            execId = requests.execCreateCmd(idOrName).withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
        } catch (RuntimeException e) {
            throw errors.container("exec in", idOrName, e);
        }
        Output output = new Output();
        try (output) {
            streams.execStartCmd(execId).exec(output);
            if (!output.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RuntimeTimeoutException("command " + command + " in container '" + idOrName
                        + "' did not finish within " + timeout);
            }
            return new ExecResult(exitCode(execId, idOrName, command), output.stdout(), output.stderr());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerRuntimeException("interrupted while running " + command + " in '" + idOrName + "'", e);
        } catch (IOException e) {
            throw new ContainerRuntimeException("exec in '" + idOrName + "' failed: " + e.getMessage(), e);
        } catch (RuntimeTimeoutException e) {
            throw e;
        } catch (RuntimeException e) {
            throw errors.container("exec in", idOrName, e);
        }
    }

    int exitCode(String execId, String idOrName, List<String> command) throws InterruptedException {
        for (int i = 0; i < EXIT_CODE_POLLS; i++) {
            InspectExecResponse r = requests.inspectExecCmd(execId).exec();
            if (!Boolean.TRUE.equals(r.isRunning()) && r.getExitCodeLong() != null) {
                return r.getExitCodeLong().intValue();
            }
            Thread.sleep(EXIT_CODE_POLL_MILLIS);
        }
        throw new ContainerRuntimeException("command " + command + " in '" + idOrName + "' ended its output but has no exit code");
    }

    /** Collects stdout and stderr, each up to {@link ExecResult#OUTPUT_LIMIT_BYTES}. */
    private static final class Output extends ResultCallback.Adapter<Frame> {
        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        @Override
        public synchronized void onNext(Frame frame) {
            ByteArrayOutputStream target = frame.getStreamType() == StreamType.STDERR ? stderr : stdout;
            int room = ExecResult.OUTPUT_LIMIT_BYTES - target.size();
            byte[] payload = frame.getPayload();
            target.write(payload, 0, Math.max(0, Math.min(room, payload.length)));
        }

        synchronized String stdout() {
            return stdout.toString(StandardCharsets.UTF_8);
        }

        synchronized String stderr() {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }
}
