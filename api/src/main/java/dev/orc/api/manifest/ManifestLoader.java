package dev.orc.api.manifest;

import dev.orc.api.validation.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads manifests from files, directories and standard input. A directory is read recursively (or only its
 * top level) for {@code *.yaml}, {@code *.yml} and {@code *.json}, in name order, skipping dotfiles and dot-directories.
 */
public final class ManifestLoader {
    public static final String STDIN = "-";

    private ManifestLoader() {
    }

    public static LoadResult load(List<String> arguments, boolean recursive, InputStream stdin) {
        LoadResult result = new LoadResult(List.of(), List.of());
        for (String argument : arguments) {
            result = result.plus(STDIN.equals(argument) ? readStdin(stdin) : loadPath(Path.of(argument), recursive));
        }
        return result;
    }

    public static LoadResult loadPath(Path path, boolean recursive) {
        if (!Files.exists(path)) {
            return failure(path.toString(), "no such file or directory");
        }
        if (!Files.isDirectory(path)) {
            return readFile(path);
        }
        LoadResult result = new LoadResult(List.of(), List.of());
        for (Path file : manifestFiles(path, recursive)) {
            result = result.plus(readFile(file));
        }
        return result;
    }

    /** The manifest files under a directory, in a stable order. */
    public static List<Path> manifestFiles(Path directory, boolean recursive) {
        try (Stream<Path> walk = Files.walk(directory, recursive ? Integer.MAX_VALUE : 1)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> !hidden(directory.relativize(file)))
                    .filter(ManifestLoader::isManifestName)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static boolean isManifestName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static LoadResult readFile(Path file) {
        try {
            if (Files.size(file) > ManifestParser.MAX_FILE_BYTES) {
                return failure(file.toString(), "file is larger than " + ManifestParser.MAX_FILE_BYTES + " bytes");
            }
            return ManifestParser.parse(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            return failure(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    private static LoadResult readStdin(InputStream stdin) {
        try {
            byte[] bytes = stdin.readNBytes(ManifestParser.MAX_FILE_BYTES + 1);
            return ManifestParser.parse("<stdin>", bytes);
        } catch (IOException e) {
            return failure("<stdin>", "cannot read: " + e.getMessage());
        }
    }

    private static LoadResult failure(String source, String message) {
        return new LoadResult(List.of(), new ArrayList<>(List.of(
                new Diagnostic(Problem.Severity.ERROR, source, Position.START, "", "", message))));
    }
}
