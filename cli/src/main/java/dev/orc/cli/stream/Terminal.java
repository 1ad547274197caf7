package dev.orc.cli.stream;

import dev.orc.api.stream.TerminalSize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The terminal orc runs in, through {@code stty} on {@code /dev/tty} (Java has no raw mode of its own): whether
 * standard input is one, its size, raw mode for {@code orc exec -t}, and the settings restored afterwards.
 */
public final class Terminal implements AutoCloseable {
    private static final long STTY_TIMEOUT_SECONDS = 5;

    private final String saved;

    private Terminal(String saved) {
        this.saved = saved;
    }

    /** Whether orc's standard input is a terminal. */
    public static boolean stdinIsTerminal() {
        try {
            Process test = new ProcessBuilder("sh", "-c", "[ -t 0 ]").redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return test.waitFor(STTY_TIMEOUT_SECONDS, TimeUnit.SECONDS) && test.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Puts the terminal in raw mode without echo; {@link #close()} restores what it was. */
    public static Terminal raw() throws IOException, InterruptedException {
        String saved = stty("-g").strip();
        stty("raw", "-echo");
        return new Terminal(saved);
    }

    /** The terminal's size, if {@code stty} can tell it. */
    public static Optional<TerminalSize> size() {
        try {
            String[] rowsColumns = stty("size").strip().split("\\s+");
            return Optional.of(new TerminalSize(Integer.parseInt(rowsColumns[1]), Integer.parseInt(rowsColumns[0])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String stty(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("stty"));
        command.addAll(List.of(arguments));
        Process stty = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = stty.getInputStream().readAllBytes();
        if (!stty.waitFor(STTY_TIMEOUT_SECONDS, TimeUnit.SECONDS) || stty.exitValue() != 0) {
            throw new IOException("stty " + String.join(" ", arguments) + " failed");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            stty(saved);
        } catch (IOException e) {
            System.err.println("warning: cannot restore the terminal's settings; run \"stty sane\"");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
