package dev.orc.cli;

import dev.orc.cli.stream.RemoteProcess;
import dev.orc.cli.stream.Terminal;

import java.io.IOException;

/** Sends the terminal's size to a remote process at the start and whenever it changes (SIGWINCH). */
final class TerminalResizes {
    private TerminalResizes() {
    }

    static void follow(RemoteProcess process) {
        send(process);
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), signal -> send(process));
        } catch (IllegalArgumentException e) {
            // no SIGWINCH on this platform: the size stays as it was at the start
        }
    }

    private static void send(RemoteProcess process) {
        Terminal.size().ifPresent(size -> {
            try {
                process.resize(size);
            } catch (IOException e) {
                // the process ended: no terminal to resize
            }
        });
    }
}
