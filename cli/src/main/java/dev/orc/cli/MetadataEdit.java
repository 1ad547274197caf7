package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import picocli.CommandLine;

import java.util.Optional;

/** What {@code orc label} and {@code orc annotate} share: each named object gets the changes by a merge patch. */
final class MetadataEdit {
    private MetadataEdit() {
    }

    /** Patches each object and prints {@code pod/web labeled} (or {@code not labeled} when nothing changed). */
    static int run(CommandLine cmd, ClientOptions client, MetadataChanges changes, boolean overwrite, String verb) {
        ResourceArgs targets = ResourceArgs.parse(cmd, changes.objects());
        ApiClient api = client.client();
        for (ResourceArgs.Selection selection : targets.selections()) {
            if (selection.names().isEmpty()) {
                throw new CommandLine.ParameterException(cmd, "name the " + selection.type().plural()
                        + " to change, as KIND NAME or KIND/NAME");
            }
            for (String name : selection.names()) {
                ObjectNode live = api.get(selection.type(), client.namespace(), name);
                Optional<ObjectNode> patch = changes.patch(live, overwrite);
                String label = selection.type().qualifiedName() + "/" + name;
                if (patch.isEmpty()) {
                    cmd.getOut().println(label + " not " + verb);
                    continue;
                }
                api.patch(selection.type(), client.namespace(), name, PatchType.MERGE, patch.get(), WriteOptions.defaults());
                cmd.getOut().println(label + " " + verb);
            }
        }
        return 0;
    }
}
