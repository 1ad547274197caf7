package dev.orc.cli.create;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.cli.ClientOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code orc create secret generic NAME [--type T] [--from-literal k=v] [--from-file [k=]PATH] [--from-env-file PATH]}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc create secret generic db --from-literal user=app --from-file password=pw.txt", "  orc create secret generic env --from-env-file .env"},
        name = "generic", description = "Create a Secret from literals and files; values are sent base64-encoded.")
final class GenericSecretCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @CommandLine.Mixin
    DataSources sources;

    @CommandLine.Mixin
    CreateOutput output;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the Secret.")
    String name;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "Opaque",
            description = "The Secret's type (default: ${DEFAULT-VALUE}).")
    String type;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        Map<String, byte[]> data = sources.read(cmd);
        ObjectNode object = Json.object().put("apiVersion", "v1").put("kind", "Secret");
        ObjectNode metadata = object.putObject("metadata").put("name", name);
        if (client.namespaceGiven()) {
            metadata.put("namespace", client.namespace());
        }
        object.put("type", type);
        ObjectNode encoded = object.putObject("data");
        data.forEach((key, value) -> encoded.put(key, Base64.getEncoder().encodeToString(value)));
        return output.emit(cmd, client, ResourceTypes.SECRET, object);
    }
}
