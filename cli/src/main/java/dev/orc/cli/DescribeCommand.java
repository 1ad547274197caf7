package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.status.ApiException;
import dev.orc.cli.output.Describer;
import dev.orc.api.table.EventSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc describe KIND NAME...}: readable details of objects and their recent events. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc describe pod web-1", "  orc describe deployment web", "  orc describe nodes"},
        name = "describe", description = "Show objects in detail, with their conditions and recent events.")
final class DescribeCommand implements Callable<Integer> {
    static final int MAX_EVENTS = 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "KIND[/NAME]", arity = "1..*", description = "A kind and names, or KIND/NAME pairs.")
    List<String> args;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        if (args.size() == 1 && !args.get(0).contains("/")) {
            throw new CommandLine.ParameterException(cmd, "a name is required: orc describe KIND NAME");
        }
        ResourceArgs targets = ResourceArgs.parse(cmd, args);
        ApiClient api = client.client();
        boolean first = true;
        for (ResourceArgs.Selection selection : targets.selections()) {
            for (String name : selection.names()) {
                ObjectNode object = api.get(selection.type(), client.namespace(), name);
                if (!first) {
                    cmd.getOut().println();
                }
                first = false;
                cmd.getOut().print(Describer.describe(selection.type(), object, related(api, selection.type(), object),
                        events(api, selection.type(), object), client.environment().clock().instant()));
            }
        }
        cmd.getOut().flush();
        return 0;
    }

    /** What a description shows beside the object: a node's pods, a service's endpoints, the pods using a claim. */
    static List<JsonNode> related(ApiClient api, ResourceType type, ObjectNode object) {
        String name = object.path("metadata").path("name").asText();
        List<JsonNode> related = new ArrayList<>();
        if (type == ResourceTypes.NODE) {
            api.listAll(ResourceTypes.POD, null, ListOptions.fieldSelector("spec.nodeName=" + name)).path("items")
                    .forEach(related::add);
        } else if (type == ResourceTypes.PERSISTENT_VOLUME_CLAIM) {
            String namespace = object.path("metadata").path("namespace").asText();
            for (JsonNode pod : api.listAll(ResourceTypes.POD, namespace, ListOptions.all()).path("items")) {
                for (JsonNode volume : pod.at("/spec/volumes")) {
                    if (name.equals(volume.at("/persistentVolumeClaim/claimName").asText())) {
                        related.add(pod);
                        break;
                    }
                }
            }
        } else if (type == ResourceTypes.INGRESS) {
            String namespace = object.path("metadata").path("namespace").asText();
            api.listAll(ResourceTypes.SERVICE, namespace, ListOptions.all()).path("items").forEach(related::add);
            api.listAll(ResourceTypes.ENDPOINTS, namespace, ListOptions.all()).path("items").forEach(related::add);
        } else if (type == ResourceTypes.SERVICE) {
            try {
                related.add(api.get(ResourceTypes.ENDPOINTS, object.path("metadata").path("namespace").asText(), name));
            } catch (ApiException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
        return related;
    }

    /** The object's most recent events, oldest first. */
    static List<JsonNode> events(ApiClient api, ResourceType type, ObjectNode object) {
        String name = object.path("metadata").path("name").asText();
        String namespace = type.namespaced() ? object.path("metadata").path("namespace").asText() : "default";
        String selector = "involvedObject.name=" + name + ",involvedObject.kind=" + type.kind();
        ObjectNode list = api.list(ResourceTypes.EVENT, namespace, ListOptions.fieldSelector(selector));
        List<JsonNode> events = new ArrayList<>();
        String uid = object.path("metadata").path("uid").asText("");
        for (JsonNode event : list.path("items")) {
            String about = event.at("/involvedObject/uid").asText("");
            if (about.isEmpty() || uid.isEmpty() || about.equals(uid)) {
                events.add(event);
            }
        }
        events.sort(Comparator.comparing(e -> String.valueOf(EventSummary.lastSeen(e))));
        return List.copyOf(events.subList(Math.max(0, events.size() - MAX_EVENTS), events.size()));
    }
}
