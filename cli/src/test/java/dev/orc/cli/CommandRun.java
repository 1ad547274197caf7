package dev.orc.cli;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Runs {@code orc} in-process the way a user would, capturing exit code, standard output and error. */
record CommandRun(int exitCode, String out, String err) {
    static CommandRun of(String... args) {
        return run(Orc.commandLine(), args);
    }

    /** Runs {@code orc} with {@code home} as the user's home, no environment and no standard input. */
    static CommandRun inHome(Path home, String... args) {
        return run(Orc.commandLine(new Environment(Map.of(), home, new ByteArrayInputStream(new byte[0]),
                Clock.systemUTC())), args);
    }

    private static CommandRun run(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
