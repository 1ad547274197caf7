package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.manifest.LoadResult;
import dev.orc.api.manifest.ManifestParser;
import dev.orc.api.meta.ResourceType;
import dev.orc.cli.output.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code orc edit KIND NAME|KIND/NAME}: the object as YAML in {@code $KUBE_EDITOR}, {@code $EDITOR} or {@code vi}, and
 * what was saved written back with the resourceVersion that was read (so a change made meanwhile is a conflict, not
 * lost). An edit that is refused is kept in its file, whose path the error names.
 */
@Command(name = "edit", description = "Edit an object in your editor and write it back.",
        footerHeading = "%nExamples:%n",
        footer = {"  orc edit deployment web", "  EDITOR=nano orc edit svc/web", "  orc edit configmap settings -o json"})
final class EditCommand implements Callable<Integer> {
    private static final String HEADER = """
            # Edit the object below and save to write it back. Lines beginning with '#' are ignored;
            # saving an empty file, or the file unchanged, cancels the edit.
            """;
    private static final List<String> IDENTITY = List.of("/apiVersion", "/kind", "/metadata/name", "/metadata/namespace");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "KIND NAME|KIND/NAME", arity = "1..2", description = "The object to edit.")
    List<String> target;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml or json: how the object is shown in the editor (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--editor-timeout", paramLabel = "DURATION", defaultValue = "1h",
            converter = ClientOptions.DurationConverter.class,
            description = "How long the editor may stay open (default: ${DEFAULT-VALUE}).")
    Duration editorTimeout;

    @Override
    public Integer call() throws IOException, InterruptedException {
        CommandLine cmd = spec.commandLine();
        ResourceArgs targets = ResourceArgs.parse(cmd, target);
        if (targets.severalTypes() || targets.selections().getFirst().names().size() != 1) {
            throw new CommandLine.ParameterException(cmd, "name one object, as KIND NAME or KIND/NAME");
        }
        if (!output.equals("yaml") && !output.equals("json")) {
            throw new CommandLine.ParameterException(cmd, "--output must be yaml or json, got \"" + output + "\"");
        }
        ResourceType type = targets.selections().getFirst().type();
        String name = targets.selections().getFirst().names().getFirst();
        ApiClient api = client.client();
        ObjectNode live = OutputFormat.withTypeMeta(type, api.get(type, client.namespace(), name));
        String original = HEADER + (output.equals("json") ? Json.pretty(live) + "\n" : Yaml.write(live));
        Path file = Files.createTempFile("orc-edit-" + type.singular() + "-" + name + "-", "." + output);
        Files.writeString(file, original, StandardCharsets.UTF_8);
        runEditor(file);
        String edited = Files.readString(file, StandardCharsets.UTF_8);
        if (edited.equals(original) || edited.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
            Files.delete(file);
            cmd.getOut().println("Edit cancelled, no changes made.");
            return 0;
        }
        ObjectNode wanted = parse(file, edited);
        for (String field : IDENTITY) {
            if (!Json.same(live.at(field), wanted.at(field))) {
                throw new IllegalArgumentException("the edit changed " + field.substring(1).replace('/', '.') + " ("
                        + live.at(field).asText() + " to " + wanted.at(field).asText() + "), which orc edit cannot do; "
                        + "your edit is kept in " + file);
            }
        }
        if (Json.same(live, wanted)) {
            Files.delete(file);
            cmd.getOut().println("Edit cancelled, no changes made.");
            return 0;
        }
        try {
            api.update(type, client.namespace(), wanted, WriteOptions.defaults());
        } catch (ApiException e) {
            throw new IllegalArgumentException(type.qualifiedName() + "/" + name + " was not changed: " + e.getMessage()
                    + "; your edit is kept in " + file, e);
        }
        Files.delete(file);
        cmd.getOut().println(type.qualifiedName() + "/" + name + " edited");
        return 0;
    }

    private void runEditor(Path file) throws IOException, InterruptedException {
        Map<String, String> env = client.environment().env();
        String editor = java.util.stream.Stream.of(env.get("KUBE_EDITOR"), env.get("EDITOR"))
                .filter(v -> v != null && !v.isBlank()).findFirst().orElse("vi");
        Process process = new ProcessBuilder("sh", "-c", editor + " \"$1\"", "sh", file.toString()).inheritIO().start();
        if (!process.waitFor(editorTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalArgumentException("the editor (" + editor + ") was still open after " + editorTimeout
                    + " (--editor-timeout); no changes made, your edit is kept in " + file);
        }
        if (process.exitValue() != 0) {
            throw new IllegalArgumentException("the editor (" + editor + ") exited with " + process.exitValue()
                    + "; no changes made, your edit is kept in " + file);
        }
    }

    private static ObjectNode parse(Path file, String text) {
        LoadResult loaded = ManifestParser.parse(file.toString(), text.getBytes(StandardCharsets.UTF_8));
        if (loaded.hasErrors()) {
            throw new IllegalArgumentException("the edited object cannot be read: " + loaded.diagnostics().getFirst()
                    + "; your edit is kept in " + file);
        }
        if (loaded.manifests().size() != 1) {
            throw new IllegalArgumentException("the edit must hold one object, it holds " + loaded.manifests().size()
                    + "; your edit is kept in " + file);
        }
        return loaded.manifests().getFirst().object();
    }
}
