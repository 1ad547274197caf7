package dev.orc.cli;

import dev.orc.cli.logging.LogSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Set;

/**
 * {@code --log-level} and {@code --log-format} for the long-running commands (server, node, up): how orc logs, set
 * before any line is written (picocli calls the setters while parsing, before the command runs).
 */
public final class LogOptions {
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
        LogSettings.useLevel(wanted);
    }

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "text (default) or json: one JSON object per line with time, level, logger, thread, message "
                    + "and exception.")
    void format(String format) {
        try {
            LogSettings.useFormat(LogSettings.Format.valueOf(format.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid --log-format \"" + format
                    + "\": use text or json");
        }
    }
}
