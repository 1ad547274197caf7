package dev.orc.cli.create;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.cli.ClientOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code orc create configmap NAME [--from-literal k=v] [--from-file [k=]PATH] [--from-env-file PATH]}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc create configmap settings --from-literal mode=fast --from-literal level=3", "  orc create configmap site --from-file index.html"},
        name = "configmap", aliases = "cm", description = "Create a ConfigMap; text goes to data, other bytes to binaryData.")
final class ConfigMapCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @CommandLine.Mixin
    DataSources sources;

    @CommandLine.Mixin
    CreateOutput output;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the ConfigMap.")
    String name;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        Map<String, byte[]> data = sources.read(cmd);
        ObjectNode object = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode metadata = object.putObject("metadata").put("name", name);
        if (client.namespaceGiven()) {
            metadata.put("namespace", client.namespace());
        }
        ObjectNode text = Json.object();
        ObjectNode binary = Json.object();
        data.forEach((key, value) -> {
            String decoded = utf8(value);
            if (decoded != null) {
                text.put(key, decoded);
            } else {
                binary.put(key, Base64.getEncoder().encodeToString(value));
            }
        });
        if (!text.isEmpty()) {
            object.set("data", text);
        }
        if (!binary.isEmpty()) {
            object.set("binaryData", binary);
        }
        return output.emit(cmd, client, ResourceTypes.CONFIG_MAP, object);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
