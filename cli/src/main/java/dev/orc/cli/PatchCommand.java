package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc patch KIND NAME|KIND/NAME -p PATCH [--type strategic|merge|json] [--subresource status|scale]}. */
@Command(name = "patch", description = "Change fields of an object with a strategic merge, JSON merge or JSON patch.",
        footerHeading = "%nExamples:%n",
        footer = {"  # strategic merge (the default): containers merge by name",
                "  orc patch deploy web -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\"}]}}}}'", "",
                "  # JSON merge patch, written as YAML", "  orc patch deployment/web --type merge -p 'spec: {replicas: 3}'", "",
                "  # JSON patch (RFC 6902)", "  orc patch pod web --type json -p '[{\"op\":\"remove\",\"path\":\"/metadata/labels/tier\"}]'", "",
                "  # the status subresource", "  orc patch deploy web --subresource status --type merge -p '{\"status\":{\"replicas\":0}}'"})
final class PatchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "KIND NAME|KIND/NAME", arity = "1..2", description = "The object to patch.")
    List<String> target;

    @Option(names = {"-p", "--patch"}, required = true, paramLabel = "PATCH", description = "The patch, as JSON or YAML.")
    String patch;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "strategic",
            description = "strategic, merge or json (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--subresource", paramLabel = "NAME", description = "Patch the object's status or scale instead.")
    String subresource;

    @Option(names = "--dry-run", paramLabel = "server", description = "server: have the server check the patch without storing it.")
    String dryRun;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        ResourceArgs targets = ResourceArgs.parse(cmd, target);
        if (targets.severalTypes() || targets.selections().getFirst().names().size() != 1) {
            throw new CommandLine.ParameterException(cmd, "name one object, as KIND NAME or KIND/NAME");
        }
        ResourceArgs.Selection selection = targets.selections().getFirst();
        String name = selection.names().getFirst();
        PatchType patchType = switch (type) {
            case "strategic" -> PatchType.STRATEGIC_MERGE;
            case "merge" -> PatchType.MERGE;
            case "json" -> PatchType.JSON;
            default -> throw new CommandLine.ParameterException(cmd, "--type must be strategic, merge or json, got \""
                    + type + "\"");
        };
        if (dryRun != null && !dryRun.equals("server")) {
            throw new CommandLine.ParameterException(cmd, "--dry-run must be server, got \"" + dryRun + "\"");
        }
        if (subresource != null && !selection.type().subresources().contains(subresource)) {
            throw new CommandLine.ParameterException(cmd, "--subresource: " + selection.type().plural() + " have "
                    + String.join(", ", selection.type().subresources()) + ", not \"" + subresource + "\"");
        }
        JsonNode body = parse(cmd, patch);
        if (patchType == PatchType.JSON ? !body.isArray() : !body.isObject()) {
            throw new CommandLine.ParameterException(cmd, "--patch: a " + type + " patch must be a "
                    + (patchType == PatchType.JSON ? "list of operations" : "map of fields"));
        }
        ApiClient api = client.client();
        String namespace = client.namespace();
        WriteOptions options = dryRun == null ? WriteOptions.defaults() : WriteOptions.serverDryRun();
        ObjectNode before = subresource == null ? api.get(selection.type(), namespace, name)
                : api.getSubresource(selection.type(), namespace, name, subresource);
        ObjectNode after = subresource == null ? api.patch(selection.type(), namespace, name, patchType, body, options)
                : api.patchSubresource(selection.type(), namespace, name, subresource, patchType, body, options);
        String label = selection.type().qualifiedName() + "/" + name;
        boolean changed = !Json.same(before, after);
        cmd.getOut().println(label + (changed ? " patched" : " patched (no change)") + (dryRun == null ? "" : " (server dry run)"));
        return 0;
    }

    private static JsonNode parse(CommandLine cmd, String text) {
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException notJson) {
            try {
                Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
                if (yaml == null) {
                    throw new CommandLine.ParameterException(cmd, "--patch is empty");
                }
                return Json.mapper().valueToTree(yaml);
            } catch (YAMLException e) {
                throw new CommandLine.ParameterException(cmd, "--patch is neither JSON nor YAML: " + e.getMessage());
            }
        }
    }
}
