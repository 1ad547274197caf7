package dev.orc.cli.create;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the keys of a ConfigMap or Secret come from, as kubectl reads them: {@code --from-literal k=v},
 * {@code --from-file [k=]PATH} (a file, its name the key unless given; or every regular file of a
 * directory), {@code --from-env-file PATH} ({@code KEY=VALUE} lines, {@code #} comments). A key given
 * twice is an error.
 */
final class DataSources {
    private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    @Option(names = "--from-literal", paramLabel = "KEY=VALUE", description = "A key and its literal value. Repeatable.")
    List<String> literals = new ArrayList<>();

    @Option(names = "--from-file", paramLabel = "[KEY=]PATH",
            description = "A file (key: its name unless given) or a directory (each regular file). Repeatable.")
    List<String> files = new ArrayList<>();

    @Option(names = "--from-env-file", paramLabel = "PATH", description = "KEY=VALUE lines. Repeatable.")
    List<String> envFiles = new ArrayList<>();

    /** Every key and its bytes, in the order given. */
    Map<String, byte[]> read(CommandLine cmd) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        for (String literal : literals) {
            int eq = literal.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(cmd, "--from-literal: expected KEY=VALUE, got \"" + literal + "\"");
            }
            put(cmd, data, literal.substring(0, eq), literal.substring(eq + 1).getBytes(StandardCharsets.UTF_8));
        }
        for (String file : files) {
            int eq = file.indexOf('=');
            Path path = Path.of(eq < 0 ? file : file.substring(eq + 1));
            if (Files.isDirectory(path)) {
                if (eq >= 0) {
                    throw new CommandLine.ParameterException(cmd, "--from-file: a key cannot be given for directory " + path);
                }
                directory(cmd, data, path);
            } else {
                put(cmd, data, eq < 0 ? path.getFileName().toString() : file.substring(0, eq), bytes(cmd, path));
            }
        }
        for (String envFile : envFiles) {
            envFile(cmd, data, Path.of(envFile));
        }
        return data;
    }

    private static void directory(CommandLine cmd, Map<String, byte[]> data, Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            List<Path> regular = new ArrayList<>();
            entries.forEach(p -> {
                if (Files.isRegularFile(p) && KEY.matcher(p.getFileName().toString()).matches()) {
                    regular.add(p);
                }
            });
            regular.stream().sorted().forEach(p -> put(cmd, data, p.getFileName().toString(), bytes(cmd, p)));
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cmd, "--from-file: cannot read directory " + dir + ": " + e.getMessage());
        }
    }

    private static void envFile(CommandLine cmd, Map<String, byte[]> data, Path path) {
        String text = new String(bytes(cmd, path), StandardCharsets.UTF_8);
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripLeading();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(cmd, "--from-env-file " + path + ":" + (i + 1)
                        + ": expected KEY=VALUE, got \"" + lines[i] + "\"");
            }
            put(cmd, data, line.substring(0, eq), line.substring(eq + 1).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] bytes(CommandLine cmd, Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cmd, "cannot read " + path + ": " + e.getMessage());
        }
    }

    private static void put(CommandLine cmd, Map<String, byte[]> data, String key, byte[] value) {
        if (!KEY.matcher(key).matches() || key.length() > 253) {
            throw new CommandLine.ParameterException(cmd, "\"" + key + "\" is not a valid key: use letters, digits,"
                    + " '-', '_' or '.'");
        }
        if (data.putIfAbsent(key, value) != null) {
            throw new CommandLine.ParameterException(cmd, "cannot add key \"" + key
                    + "\", another key by that name already exists");
        }
    }
}
