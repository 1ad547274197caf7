package dev.orc.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.apply.LastApplied;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import dev.orc.api.model.Quantity;
import dev.orc.api.table.Age;
import dev.orc.api.table.ClaimSummary;
import dev.orc.api.table.Columns;
import dev.orc.api.table.EventSummary;
import dev.orc.api.table.NodeSummary;
import dev.orc.api.table.PodSummary;
import dev.orc.api.table.Selectors;
import dev.orc.api.table.ServiceSummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code orc describe}: an object in readable sections (metadata, the kind's own summary, conditions,
 * containers for pods) and its recent events, as {@code kubectl describe} lays them out.
 */
public final class Describer {
    private final Instant now;
    private final StringBuilder out = new StringBuilder();

    private Describer(Instant now) {
        this.now = now;
    }

    public static String describe(ResourceType type, JsonNode object, List<? extends JsonNode> events, Instant now) {
        return describe(type, object, List.of(), events, now);
    }

    /**
     * With {@code related} objects: for a node its pods, for a service its Endpoints object (if any), for an Ingress
     * the Services and Endpoints of its namespace.
     */
    public static String describe(ResourceType type, JsonNode object, List<? extends JsonNode> related,
                                  List<? extends JsonNode> events, Instant now) {
        Describer describer = new Describer(now);
        describer.related = List.copyOf(related);
        return describer.render(type, object, events);
    }

    private List<JsonNode> related = List.of();

    private String render(ResourceType type, JsonNode o, List<? extends JsonNode> events) {
        JsonNode metadata = o.path("metadata");
        field(0, "Name", metadata.path("name").asText());
        if (type.namespaced()) {
            field(0, "Namespace", metadata.path("namespace").asText());
        }
        map(0, "Labels", metadata.path("labels"));
        JsonNode annotations = metadata.path("annotations").deepCopy();
        if (annotations instanceof com.fasterxml.jackson.databind.node.ObjectNode map) {
            map.remove(LastApplied.ANNOTATION);
        }
        map(0, "Annotations", annotations);
        field(0, "CreationTimestamp", metadata.path("creationTimestamp").asText("<unknown>"));
        if (metadata.has("deletionTimestamp")) {
            field(0, "DeletionTimestamp", metadata.path("deletionTimestamp").asText());
        }
        for (JsonNode owner : metadata.path("ownerReferences")) {
            if (owner.path("controller").asBoolean(false)) {
                field(0, "Controlled By", owner.path("kind").asText() + "/" + owner.path("name").asText());
            }
        }
        switch (type.kind()) {
            case "Pod" -> pod(o);
            case "Deployment", "ReplicaSet", "DaemonSet", "Job" -> workload(type, o);
            case "CronJob" -> cronJob(o);
            case "PodDisruptionBudget" -> disruptionBudget(o);
            case "StatefulSet" -> statefulSet(o);
            case "PersistentVolumeClaim" -> claim(o);
            case "Service" -> service(o);
            case "Ingress" -> out.append(IngressDescription.of(o, related));
            case "Node" -> node(o);
            case "ServiceAccount" -> serviceAccount(o);
            default -> rest(o);
        }
        conditions(o.at("/status/conditions"));
        events(events);
        return out.toString();
    }

    private void pod(JsonNode pod) {
        field(0, "Node", Columns.orNone(pod.at("/spec/nodeName").asText("")));
        field(0, "Status", PodSummary.status(pod));
        field(0, "IP", Columns.orNone(pod.at("/status/podIP").asText("")));
        containers(0, pod.at("/spec/containers"), pod.at("/status/containerStatuses"));
    }

    private void workload(ResourceType type, JsonNode o) {
        field(0, "Selector", Selectors.format(o.at("/spec/selector")));
        if (type.equals(ResourceTypes.DEPLOYMENT)) {
            field(0, "Replicas", Columns.number(o, "/spec/replicas") + " desired | "
                    + Columns.number(o, "/status/updatedReplicas") + " updated | "
                    + Columns.number(o, "/status/replicas") + " total | "
                    + Columns.number(o, "/status/availableReplicas") + " available | "
                    + Columns.number(o, "/status/unavailableReplicas") + " unavailable");
            field(0, "StrategyType", o.at("/spec/strategy/type").asText("RollingUpdate"));
        } else if (type.equals(ResourceTypes.REPLICA_SET)) {
            field(0, "Replicas", Columns.number(o, "/status/replicas") + " current / "
                    + Columns.number(o, "/spec/replicas") + " desired");
        } else if (type.equals(ResourceTypes.JOB)) {
            field(0, "Completions", o.at("/spec/completions").asText("1"));
            field(0, "Parallelism", o.at("/spec/parallelism").asText("1"));
            field(0, "Pods Statuses", Columns.number(o, "/status/active") + " Active / "
                    + Columns.number(o, "/status/succeeded") + " Succeeded / "
                    + Columns.number(o, "/status/failed") + " Failed");
        } else {
            field(0, "Desired Number of Nodes Scheduled", Columns.number(o, "/status/desiredNumberScheduled"));
            field(0, "Number of Nodes Scheduled with Up-to-date Pods", Columns.number(o, "/status/updatedNumberScheduled"));
            field(0, "Number of Nodes Ready", Columns.number(o, "/status/numberReady"));
        }
        line(0, "Pod Template:");
        map(1, "Labels", o.at("/spec/template/metadata/labels"));
        containers(1, o.at("/spec/template/spec/containers"), com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }

    /** As kubectl describe statefulset: replicas, strategy, pod template, claim templates. */
    private void statefulSet(JsonNode o) {
        field(0, "Selector", Selectors.format(o.at("/spec/selector")));
        field(0, "Replicas", Columns.number(o, "/spec/replicas") + " desired | "
                + Columns.number(o, "/status/replicas") + " total");
        field(0, "Update Strategy", o.at("/spec/updateStrategy/type").asText("RollingUpdate"));
        if (o.at("/spec/updateStrategy/rollingUpdate/partition").isNumber()) {
            field(1, "Partition", o.at("/spec/updateStrategy/rollingUpdate/partition").asText());
        }
        field(0, "Pods Status", Columns.number(o, "/status/readyReplicas") + " Ready / "
                + Columns.number(o, "/status/currentReplicas") + " Current / "
                + Columns.number(o, "/status/updatedReplicas") + " Updated");
        line(0, "Pod Template:");
        map(1, "Labels", o.at("/spec/template/metadata/labels"));
        containers(1, o.at("/spec/template/spec/containers"), com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        line(0, "Volume Claims:");
        if (o.at("/spec/volumeClaimTemplates").isEmpty()) {
            line(1, "<none>");
        }
        for (JsonNode template : o.at("/spec/volumeClaimTemplates")) {
            field(1, "Name", template.at("/metadata/name").asText());
            field(1, "StorageClass", template.at("/spec/storageClassName").asText(""));
            map(1, "Labels", template.at("/metadata/labels"));
            field(1, "Capacity", template.at("/spec/resources/requests/storage").asText(""));
            field(1, "Access Modes", "[" + ClaimSummary.accessModes(template.at("/spec/accessModes")) + "]");
        }
    }

    /** As kubectl describe pvc: storage class, status, capacity, access modes, volume mode, the pods using it. */
    private void claim(JsonNode o) {
        field(0, "StorageClass", o.at("/spec/storageClassName").asText(""));
        field(0, "Status", o.at("/status/phase").asText("Pending"));
        field(0, "Volume", o.at("/spec/volumeName").asText(""));
        field(0, "Finalizers", "[" + String.join(" ", texts(o.at("/metadata/finalizers"))) + "]");
        field(0, "Capacity", o.at("/status/capacity/storage").asText(""));
        field(0, "Access Modes", ClaimSummary.accessModes(o.at("/status/accessModes")));
        field(0, "VolumeMode", o.at("/spec/volumeMode").asText("Filesystem"));
        List<String> users = new ArrayList<>();
        related.forEach(pod -> users.add(pod.at("/metadata/name").asText()));
        field(0, "Used By", users.isEmpty() ? "<none>" : String.join(", ", users));
    }

    /** As kubectl describe serviceaccount: the Secrets it names; its tokens are bound ones, kept nowhere. */
    private void serviceAccount(JsonNode o) {
        field(0, "Image pull secrets", names(o.path("imagePullSecrets")));
        field(0, "Mountable secrets", names(o.path("secrets")));
        field(0, "Tokens", "<none>");
    }

    private static String names(JsonNode references) {
        List<String> names = new ArrayList<>();
        references.forEach(reference -> names.add(reference.path("name").asText()));
        return names.isEmpty() ? "<none>" : String.join(", ", names);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private void cronJob(JsonNode o) {
        field(0, "Schedule", o.at("/spec/schedule").asText());
        if (o.at("/spec/timeZone").isTextual()) {
            field(0, "Time Zone", o.at("/spec/timeZone").asText());
        }
        field(0, "Concurrency Policy", o.at("/spec/concurrencyPolicy").asText("Allow"));
        field(0, "Suspend", capitalize(o.at("/spec/suspend").asText("false")));
        field(0, "Successful Job History Limit", o.at("/spec/successfulJobsHistoryLimit").asText("<unset>"));
        field(0, "Failed Job History Limit", o.at("/spec/failedJobsHistoryLimit").asText("<unset>"));
        field(0, "Starting Deadline Seconds", o.at("/spec/startingDeadlineSeconds").asText("<unset>"));
        JsonNode job = o.at("/spec/jobTemplate/spec");
        field(0, "Selector", job.has("selector") ? Selectors.format(job.path("selector")) : "<unset>");
        field(0, "Parallelism", job.path("parallelism").asText("<unset>"));
        field(0, "Completions", job.path("completions").asText("<unset>"));
        line(0, "Pod Template:");
        map(1, "Labels", job.at("/template/metadata/labels"));
        containers(1, job.at("/template/spec/containers"), com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        field(0, "Last Schedule Time", o.at("/status/lastScheduleTime").asText("<unset>"));
        List<String> active = new ArrayList<>();
        o.at("/status/active").forEach(ref -> active.add(ref.path("name").asText()));
        field(0, "Active Jobs", active.isEmpty() ? "<none>" : String.join(", ", active));
    }

    private void disruptionBudget(JsonNode o) {
        JsonNode spec = o.path("spec");
        if (spec.has("minAvailable")) {
            field(0, "Min available", spec.path("minAvailable").asText());
        } else if (spec.has("maxUnavailable")) {
            field(0, "Max unavailable", spec.path("maxUnavailable").asText());
        }
        field(0, "Selector", spec.has("selector") ? Selectors.format(spec.path("selector")) : "<unset>");
        if (spec.has("unhealthyPodEvictionPolicy")) {
            field(0, "Unhealthy pod eviction policy", spec.path("unhealthyPodEvictionPolicy").asText());
        }
        line(0, "Status:");
        JsonNode status = o.path("status");
        field(2, "Allowed disruptions", status.path("disruptionsAllowed").asText("0"));
        field(2, "Current", status.path("currentHealthy").asText("0"));
        field(2, "Desired", status.path("desiredHealthy").asText("0"));
        field(2, "Total", status.path("expectedPods").asText("0"));
    }

    private void service(JsonNode service) {
        field(0, "Type", service.at("/spec/type").asText("ClusterIP"));
        field(0, "Selector", Columns.orNone(Selectors.formatMap(service.at("/spec/selector"))));
        field(0, "IP", Columns.orNone(service.at("/spec/clusterIP").asText("")));
        for (JsonNode port : service.at("/spec/ports")) {
            String name = port.path("name").asText("<unset>");
            field(0, "Port", name + "  " + port.path("port").asText() + "/" + port.path("protocol").asText("TCP"));
            field(0, "TargetPort", port.path("targetPort").asText(port.path("port").asText()) + "/"
                    + port.path("protocol").asText("TCP"));
            if (port.has("nodePort")) {
                field(0, "NodePort", name + "  " + port.path("nodePort").asText() + "/" + port.path("protocol").asText("TCP"));
            }
        }
        endpoints();
    }

    private void endpoints() {
        List<String> addresses = new ArrayList<>();
        for (JsonNode endpoints : related) {
            for (JsonNode subset : endpoints.path("subsets")) {
                for (JsonNode address : subset.path("addresses")) {
                    for (JsonNode port : subset.path("ports")) {
                        addresses.add(address.path("ip").asText() + ":" + port.path("port").asText());
                    }
                }
            }
        }
        field(0, "Endpoints", addresses.isEmpty() ? "<none>" : String.join(",", addresses));
    }

    private void node(JsonNode node) {
        field(0, "Unschedulable", String.valueOf(node.at("/spec/unschedulable").asBoolean(false)));
        List<String> taints = new ArrayList<>();
        for (JsonNode taint : node.at("/spec/taints")) {
            taints.add(taint.path("key").asText() + (taint.has("value") ? "=" + taint.path("value").asText() : "")
                    + ":" + taint.path("effect").asText());
        }
        field(0, "Taints", taints.isEmpty() ? "<none>" : String.join(", ", taints));
        for (JsonNode address : node.at("/status/addresses")) {
            field(0, address.path("type").asText(), address.path("address").asText());
        }
        for (String section : new String[] {"capacity", "allocatable"}) {
            line(0, capitalize(section) + ":");
            node.at("/status/" + section).properties().forEach(e -> field(1, e.getKey(), e.getValue().asText()));
        }
        JsonNode allocatable = node.at("/status/allocatable");
        List<NodeAllocation.PodUsage> pods = NodeAllocation.pods(related);
        line(0, "Non-terminated Pods: (" + pods.size() + " in total)");
        Table table = new Table();
        table.add(List.of("Namespace", "Name", "CPU Requests", "CPU Limits", "Memory Requests", "Memory Limits"));
        Quantity cpuRequests = Quantity.ZERO;
        Quantity cpuLimits = Quantity.ZERO;
        Quantity memoryRequests = Quantity.ZERO;
        Quantity memoryLimits = Quantity.ZERO;
        for (NodeAllocation.PodUsage pod : pods) {
            table.add(List.of(pod.namespace(), pod.name(),
                    NodeAllocation.share(pod.cpuRequest(), allocatable.path("cpu"), true),
                    NodeAllocation.share(pod.cpuLimit(), allocatable.path("cpu"), true),
                    NodeAllocation.share(pod.memoryRequest(), allocatable.path("memory"), false),
                    NodeAllocation.share(pod.memoryLimit(), allocatable.path("memory"), false)));
            cpuRequests = NodeAllocation.plus(cpuRequests, pod.cpuRequest());
            cpuLimits = NodeAllocation.plus(cpuLimits, pod.cpuLimit());
            memoryRequests = NodeAllocation.plus(memoryRequests, pod.memoryRequest());
            memoryLimits = NodeAllocation.plus(memoryLimits, pod.memoryLimit());
        }
        table.lines().forEach(l -> line(1, l));
        line(0, "Allocated resources:");
        Table allocated = new Table();
        allocated.add(List.of("Resource", "Requests", "Limits"));
        allocated.add(List.of("cpu", NodeAllocation.share(cpuRequests, allocatable.path("cpu"), true),
                NodeAllocation.share(cpuLimits, allocatable.path("cpu"), true)));
        allocated.add(List.of("memory", NodeAllocation.share(memoryRequests, allocatable.path("memory"), false),
                NodeAllocation.share(memoryLimits, allocatable.path("memory"), false)));
        allocated.lines().forEach(l -> line(1, l));
    }

    /** Kinds without a summary of their own show their data, spec and status as YAML. */
    private void rest(JsonNode o) {
        for (String section : new String[] {"data", "spec", "status"}) {
            JsonNode value = o.path(section);
            if (section.equals("status") && value.has("conditions")) {
                value = value.deepCopy();
                ((com.fasterxml.jackson.databind.node.ObjectNode) value).remove("conditions");
            }
            if (value.isObject() && !value.isEmpty()) {
                line(0, Character.toUpperCase(section.charAt(0)) + section.substring(1) + ":");
                Yaml.write(value).lines().forEach(l -> line(1, l));
            }
        }
        if (o.has("type") && o.path("type").isTextual()) {
            field(0, "Type", o.path("type").asText());
        }
    }

    private void containers(int indent, JsonNode specs, JsonNode statuses) {
        line(indent, "Containers:");
        if (specs.isEmpty()) {
            line(indent + 1, "<none>");
        }
        for (JsonNode container : specs) {
            String name = container.path("name").asText();
            line(indent + 1, name + ":");
            field(indent + 2, "Image", container.path("image").asText());
            List<String> ports = new ArrayList<>();
            container.path("ports").forEach(p -> ports.add(p.path("containerPort").asText() + "/"
                    + p.path("protocol").asText("TCP")));
            field(indent + 2, "Port", ports.isEmpty() ? "<none>" : String.join(", ", ports));
            if (container.has("command")) {
                field(indent + 2, "Command", join(container.path("command")));
            }
            if (container.has("args")) {
                field(indent + 2, "Args", join(container.path("args")));
            }
            for (JsonNode status : statuses) {
                if (status.path("name").asText().equals(name)) {
                    containerStatus(indent + 2, status);
                }
            }
            List<String> env = new ArrayList<>();
            container.path("env").forEach(e -> env.add(e.path("name").asText() + ": "
                    + (e.has("value") ? e.path("value").asText() : "<set from " + fieldNames(e.path("valueFrom")) + ">")));
            if (!env.isEmpty()) {
                line(indent + 2, "Environment:");
                env.forEach(e -> line(indent + 3, e));
            }
        }
    }

    private void containerStatus(int indent, JsonNode status) {
        JsonNode state = status.path("state");
        String current = state.fieldNames().hasNext() ? state.fieldNames().next() : "waiting";
        String reason = state.path(current).path("reason").asText("");
        field(indent, "State", capitalize(current));
        if (!reason.isEmpty()) {
            field(indent + 1, "Reason", reason);
        }
        String message = state.path(current).path("message").asText("");
        if (!message.isEmpty()) {
            field(indent + 1, "Message", message);
        }
        if (state.path(current).has("exitCode")) {
            field(indent + 1, "Exit Code", state.path(current).path("exitCode").asText());
        }
        field(indent, "Ready", status.path("ready").asBoolean(false) ? "True" : "False");
        field(indent, "Restart Count", status.path("restartCount").asText("0"));
    }

    private void conditions(JsonNode conditions) {
        if (!conditions.isArray() || conditions.isEmpty()) {
            return;
        }
        line(0, "Conditions:");
        Table table = new Table().add(List.of("Type", "Status", "Reason", "Message"));
        for (JsonNode c : conditions) {
            table.add(List.of(c.path("type").asText(), c.path("status").asText(), c.path("reason").asText(""),
                    c.path("message").asText("")));
        }
        table.lines().forEach(l -> line(1, l.stripTrailing()));
    }

    private void events(List<? extends JsonNode> events) {
        if (events.isEmpty()) {
            line(0, "Events:  <none>");
            return;
        }
        line(0, "Events:");
        Table table = new Table().add(List.of("Type", "Reason", "Age", "From", "Message"));
        for (JsonNode e : events) {
            String count = e.path("count").asInt(1) > 1 ? " (x" + e.path("count").asInt() + ")" : "";
            table.add(List.of(e.path("type").asText(), e.path("reason").asText(),
                    Age.since(EventSummary.lastSeen(e), now) + count,
                    e.at("/source/component").asText(e.path("reportingComponent").asText("")),
                    e.path("message").asText()));
        }
        table.lines().forEach(l -> line(1, l));
    }

    private void map(int indent, String name, JsonNode map) {
        List<String> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            entries.add(entry.getKey() + "=" + entry.getValue().asText());
        }
        field(indent, name, entries.isEmpty() ? "<none>" : entries.get(0));
        entries.stream().skip(1).forEach(e -> line(indent, " ".repeat(18) + e));
    }

    private void field(int indent, String name, String value) {
        String label = name + ":";
        line(indent, label + " ".repeat(Math.max(1, 18 - label.length())) + value);
    }

    private void line(int indent, String text) {
        out.append("  ".repeat(indent)).append(text).append('\n');
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(a -> parts.add(a.asText()));
        return String.join(" ", parts);
    }

    private static String fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return String.join(",", names);
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
