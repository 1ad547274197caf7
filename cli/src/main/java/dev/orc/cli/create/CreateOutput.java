package dev.orc.cli.create;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.cli.ClientOptions;
import dev.orc.cli.output.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code -o yaml|json|name} and {@code --dry-run=client|server|none}, and writing the object accordingly. */
final class CreateOutput {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "yaml, json or name: print the object.")
    String output;

    @Option(names = "--dry-run", paramLabel = "MODE", arity = "0..1", fallbackValue = "client",
            description = "client: print the object without sending it; server: let the server check it, store nothing.")
    String dryRun;

    /** Creates the object (unless a client dry run) and prints it or {@code kind/name created}. */
    int emit(CommandLine cmd, ClientOptions client, ResourceType type, ObjectNode object) {
        String mode = dryRun == null ? "none" : dryRun;
        if (!mode.equals("none") && !mode.equals("client") && !mode.equals("server")) {
            throw new CommandLine.ParameterException(cmd, "invalid --dry-run \"" + dryRun + "\": use client, server or none");
        }
        if (output != null && !output.equals("yaml") && !output.equals("json") && !output.equals("name")) {
            throw new CommandLine.ParameterException(cmd, "unknown output format \"" + output + "\": use yaml, json or name");
        }
        ObjectNode result = object;
        if (!mode.equals("client")) {
            WriteOptions options = mode.equals("server") ? WriteOptions.serverDryRun() : WriteOptions.defaults();
            result = client.client().create(type, client.namespace(), object, options);
        }
        String name = type.singular() + "/" + result.path("metadata").path("name").asText();
        String text = switch (output == null ? "" : output) {
            case "yaml" -> Yaml.write(result);
            case "json" -> Json.pretty(result) + "\n";
            case "name" -> name + "\n";
            default -> name + " created" + (mode.equals("none") ? "" : " (" + mode + " dry run)") + "\n";
        };
        cmd.getOut().print(text);
        cmd.getOut().flush();
        return 0;
    }
}
