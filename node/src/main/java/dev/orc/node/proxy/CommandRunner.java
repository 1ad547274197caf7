package dev.orc.node.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host command (here: {@code ip}) with a bounded wait. */
@FunctionalInterface
public interface CommandRunner {
    record Outcome(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    Outcome run(List<String> command);

    /** The real thing: a process, given {@code timeout} to finish, its stderr merged into its output. */
    static CommandRunner processes(Duration timeout) {
        return command -> {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                process.getOutputStream().close();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    return new Outcome(-1, String.join(" ", command) + ": no answer within " + timeout);
                }
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                return new Outcome(process.exitValue(), output);
            } catch (IOException e) {
                return new Outcome(-1, String.join(" ", command) + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(-1, String.join(" ", command) + ": interrupted");
            }
        };
    }
}
