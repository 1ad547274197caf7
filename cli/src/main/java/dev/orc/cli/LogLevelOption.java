package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Set;

/**
 * {@code --log-level} for the long-running commands (server, node, up): the level of orc's own log lines, set before
 * any of them is written (picocli calls the setter while parsing, before the command runs).
 */
public final class LogLevelOption {
    private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "error, warn, info (default), debug or trace.")
    void level(String level) {
        String wanted = level.toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(wanted)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid --log-level \"" + level
                    + "\": use error, warn, info, debug or trace");
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", wanted);
    }
}
