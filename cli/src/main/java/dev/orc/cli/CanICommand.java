package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code orc auth can-i VERB TYPE[/NAME]} or {@code orc auth can-i VERB /PATH}: asks the server, through a
 * SelfSubjectAccessReview, whether the caller may; prints {@code yes} (exit 0) or {@code no} (exit 1), as kubectl.
 */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc auth can-i create deployments -n shop", "  orc auth can-i get pods --subresource log", "  orc auth can-i get /healthz"},
        name = "can-i", description = "Check whether you may do something: orc auth can-i create deployments -n shop.")
final class CanICommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "VERB", description = "get, list, watch, create, update, patch, delete, ...")
    String verb;

    @Parameters(index = "1", paramLabel = "TYPE[/NAME]|/PATH", description = "A kind (pods, deploy, ...) or a URL path.")
    String target;

    @Option(names = {"-A", "--all-namespaces"}, description = "Ask for every namespace.")
    boolean allNamespaces;

    @Option(names = "--subresource", paramLabel = "NAME", description = "A subresource, such as log or scale.")
    String subresource;

    @Override
    public Integer call() {
        ObjectNode attributes = target.startsWith("/") ? nonResource() : resource();
        ObjectNode review = client.client().reviewOwnAccess(attributes);
        boolean allowed = review.path("status").path("allowed").asBoolean(false);
        spec.commandLine().getOut().println(allowed ? "yes" : "no");
        return allowed ? 0 : 1;
    }

    private ObjectNode nonResource() {
        ObjectNode spec = Json.object();
        spec.putObject("nonResourceAttributes").put("path", target).put("verb", verb);
        return spec;
    }

    private ObjectNode resource() {
        int slash = target.indexOf('/');
        String typeName = slash < 0 ? target : target.substring(0, slash);
        Optional<ResourceType> type = ResourceTypes.byCliName(typeName);
        ObjectNode attributes = Json.object().put("verb", verb)
                .put("group", type.map(ResourceType::group).orElse(""))
                .put("resource", type.map(ResourceType::plural).orElse(typeName));
        if (slash >= 0) {
            attributes.put("name", target.substring(slash + 1));
        }
        if (subresource != null) {
            attributes.put("subresource", subresource);
        }
        if (!allNamespaces && type.map(ResourceType::namespaced).orElse(true)) {
            attributes.put("namespace", client.namespace());
        }
        ObjectNode spec = Json.object();
        spec.set("resourceAttributes", attributes);
        return spec;
    }
}
