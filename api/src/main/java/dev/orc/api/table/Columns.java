package dev.orc.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.gitops.UrlCredentials;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The columns kubectl shows for each kind, with the {@code -o wide} extras at priority 1: defined once, for the API
 * server's meta.k8s.io Tables and for {@code orc get}.
 */
public final class Columns {
    /** Where a CronJob keeps the spec its Jobs are made of: its pod template is at the same place as a Job's. */
    private static final String JOB_TEMPLATE = "/spec/jobTemplate";
    private static final Map<String, List<Column>> BY_KIND = Map.ofEntries(
            Map.entry(ResourceTypes.POD.kind(), List.of(
                    Column.of("Ready", (o, now) -> PodSummary.ready(o)),
                    Column.of("Status", (o, now) -> PodSummary.status(o)),
                    Column.count("Restarts", (o, now) -> Long.toString(PodSummary.restarts(o))),
                    Column.age(),
                    Column.wide("IP", (o, now) -> orNone(text(o, "/status/podIP"))),
                    Column.wide("Node", (o, now) -> orNone(text(o, "/spec/nodeName"))),
                    Column.wide("Nominated Node", (o, now) -> orNone(text(o, "/status/nominatedNodeName"))),
                    Column.wide("Readiness Gates", (o, now) -> PodSummary.readinessGates(o)))),
            Map.entry(ResourceTypes.DEPLOYMENT.kind(), List.of(
                    Column.of("Ready", (o, now) -> number(o, "/status/readyReplicas") + "/" + number(o, "/spec/replicas")),
                    Column.count("Up-to-date", (o, now) -> number(o, "/status/updatedReplicas")),
                    Column.count("Available", (o, now) -> number(o, "/status/availableReplicas")),
                    Column.age(),
                    Column.wide("Containers", (o, now) -> containers(o, "name")),
                    Column.wide("Images", (o, now) -> containers(o, "image")),
                    Column.wide("Selector", (o, now) -> Selectors.format(o.at("/spec/selector"))))),
            Map.entry(ResourceTypes.REPLICA_SET.kind(), List.of(
                    Column.count("Desired", (o, now) -> number(o, "/spec/replicas")),
                    Column.count("Current", (o, now) -> number(o, "/status/replicas")),
                    Column.count("Ready", (o, now) -> number(o, "/status/readyReplicas")),
                    Column.age(),
                    Column.wide("Containers", (o, now) -> containers(o, "name")),
                    Column.wide("Images", (o, now) -> containers(o, "image")),
                    Column.wide("Selector", (o, now) -> Selectors.format(o.at("/spec/selector"))))),
            Map.entry(ResourceTypes.DAEMON_SET.kind(), List.of(
                    Column.count("Desired", (o, now) -> number(o, "/status/desiredNumberScheduled")),
                    Column.count("Current", (o, now) -> number(o, "/status/currentNumberScheduled")),
                    Column.count("Ready", (o, now) -> number(o, "/status/numberReady")),
                    Column.count("Up-to-date", (o, now) -> number(o, "/status/updatedNumberScheduled")),
                    Column.count("Available", (o, now) -> number(o, "/status/numberAvailable")),
                    Column.of("Node Selector", (o, now) -> orNone(Selectors.formatMap(o.at("/spec/template/spec/nodeSelector")))),
                    Column.age(),
                    Column.wide("Containers", (o, now) -> containers(o, "name")),
                    Column.wide("Images", (o, now) -> containers(o, "image")))),
            Map.entry(ResourceTypes.STATEFUL_SET.kind(), List.of(
                    Column.of("Ready", (o, now) -> number(o, "/status/readyReplicas") + "/" + number(o, "/spec/replicas")),
                    Column.age(),
                    Column.wide("Containers", (o, now) -> containers(o, "name")),
                    Column.wide("Images", (o, now) -> containers(o, "image")))),
            Map.entry(ResourceTypes.CONTROLLER_REVISION.kind(), List.of(
                    Column.of("Controller", (o, now) -> ClaimSummary.controller(o)),
                    Column.count("Revision", (o, now) -> number(o, "/revision")),
                    Column.age())),
            Map.entry(ResourceTypes.PERSISTENT_VOLUME_CLAIM.kind(), List.of(
                    Column.of("Status", (o, now) -> text(o, "/status/phase")),
                    Column.of("Volume", (o, now) -> text(o, "/spec/volumeName")),
                    Column.of("Capacity", (o, now) -> text(o, "/status/capacity/storage")),
                    Column.of("Access Modes", (o, now) -> ClaimSummary.accessModes(o.at("/status/accessModes"))),
                    Column.of("StorageClass", (o, now) -> text(o, "/spec/storageClassName")),
                    Column.of("VolumeAttributesClass", (o, now) -> "<unset>"),
                    Column.age(),
                    Column.wide("VolumeMode", (o, now) -> text(o, "/spec/volumeMode")))),
            Map.entry(ResourceTypes.JOB.kind(), List.of(
                    Column.of("Completions", (o, now) -> number(o, "/status/succeeded") + "/"
                            + (o.at("/spec/completions").isNumber() ? o.at("/spec/completions").asText() : "1")),
                    Column.of("Duration", Columns::jobDuration),
                    Column.age(),
                    Column.wide("Containers", (o, now) -> containers(o, "name")),
                    Column.wide("Images", (o, now) -> containers(o, "image")))),
            Map.entry(ResourceTypes.CRON_JOB.kind(), List.of(
                    Column.of("Schedule", (o, now) -> text(o, "/spec/schedule")),
                    Column.of("Timezone", (o, now) -> orNone(text(o, "/spec/timeZone"))),
                    Column.of("Suspend", (o, now) -> bool(o.at("/spec/suspend"))),
                    Column.count("Active", (o, now) -> Integer.toString(o.at("/status/active").size())),
                    Column.of("Last Schedule", (o, now) -> text(o, "/status/lastScheduleTime").isEmpty() ? "<none>"
                            : Age.since(text(o, "/status/lastScheduleTime"), now)),
                    Column.age(),
                    Column.wide("Containers", (o, now) -> containers(o.at(JOB_TEMPLATE), "name")),
                    Column.wide("Images", (o, now) -> containers(o.at(JOB_TEMPLATE), "image")),
                    Column.wide("Selector", (o, now) -> Selectors.format(o.at("/spec/jobTemplate/spec/selector"))))),
            Map.entry(ResourceTypes.SERVICE.kind(), List.of(
                    Column.of("Type", (o, now) -> text(o, "/spec/type").isEmpty() ? "ClusterIP" : text(o, "/spec/type")),
                    Column.of("Cluster-IP", (o, now) -> orNone(text(o, "/spec/clusterIP"))),
                    Column.of("External-IP", (o, now) -> ServiceSummary.externalIp(o)),
                    Column.of("Port(s)", (o, now) -> ServiceSummary.ports(o)),
                    Column.age(),
                    Column.wide("Selector", (o, now) -> orNone(Selectors.formatMap(o.at("/spec/selector")))))),
            Map.entry(ResourceTypes.ENDPOINTS.kind(), List.of(
                    Column.of("Endpoints", (o, now) -> ServiceSummary.endpoints(o)),
                    Column.age())),
            Map.entry(ResourceTypes.CONFIG_MAP.kind(), List.of(
                    Column.count("Data", (o, now) -> Integer.toString(o.path("data").size() + o.path("binaryData").size())),
                    Column.age())),
            Map.entry(ResourceTypes.SECRET.kind(), List.of(
                    Column.of("Type", (o, now) -> text(o, "/type").isEmpty() ? "Opaque" : text(o, "/type")),
                    Column.count("Data", (o, now) -> Integer.toString(o.path("data").size() + o.path("stringData").size())),
                    Column.age())),
            Map.entry(ResourceTypes.SERVICE_ACCOUNT.kind(), List.of(
                    Column.count("Secrets", (o, now) -> Integer.toString(o.path("secrets").size())),
                    Column.age())),
            Map.entry(ResourceTypes.NAMESPACE.kind(), List.of(
                    Column.of("Status", (o, now) -> text(o, "/status/phase").isEmpty() ? "Active" : text(o, "/status/phase")),
                    Column.age())),
            Map.entry(ResourceTypes.NODE.kind(), List.of(
                    Column.of("Status", (o, now) -> NodeSummary.status(o)),
                    Column.of("Roles", (o, now) -> NodeSummary.roles(o)),
                    Column.age(),
                    Column.of("Version", (o, now) -> orNone(text(o, "/status/nodeInfo/kubeletVersion"))),
                    Column.wide("Internal-IP", (o, now) -> NodeSummary.address(o, "InternalIP")))),
            Map.entry(ResourceTypes.GIT_SOURCE.kind(), List.of(
                    Column.of("URL", (o, now) -> UrlCredentials.redact(text(o, "/spec/url"))),
                    Column.of("Sync", (o, now) -> orUnknown(text(o, "/status/sync"))),
                    Column.of("Health", (o, now) -> orUnknown(text(o, "/status/health"))),
                    Column.count("Revision", (o, now) -> shortCommit(text(o, "/status/lastAppliedCommit"))),
                    Column.age(),
                    Column.wide("Message", (o, now) -> text(o, "/status/message")))),
            Map.entry(ResourceTypes.INGRESS.kind(), List.of(
                    Column.of("Class", (o, now) -> orNone(text(o, "/spec/ingressClassName"))),
                    Column.of("Hosts", (o, now) -> IngressSummary.hosts(o)),
                    Column.of("Address", (o, now) -> IngressSummary.address(o)),
                    Column.of("Ports", (o, now) -> o.at("/spec/tls").isEmpty() ? "80" : "80, 443"),
                    Column.age())),
            Map.entry(ResourceTypes.INGRESS_CLASS.kind(), List.of(
                    Column.of("Controller", (o, now) -> text(o, "/spec/controller")),
                    Column.of("Parameters", (o, now) -> "<none>"),
                    Column.age())),
            Map.entry(ResourceTypes.POD_DISRUPTION_BUDGET.kind(), List.of(
                    Column.of("Min Available", (o, now) -> orNotApplicable(o.at("/spec/minAvailable"))),
                    Column.of("Max Unavailable", (o, now) -> orNotApplicable(o.at("/spec/maxUnavailable"))),
                    Column.count("Allowed Disruptions", (o, now) -> number(o, "/status/disruptionsAllowed")),
                    Column.age())),
            Map.entry(ResourceTypes.LEASE.kind(), List.of(
                    Column.of("Holder", (o, now) -> text(o, "/spec/holderIdentity")),
                    Column.age())));

    /** Events list as {@code kubectl get events}: no NAME column, newest state of each event. */
    private static final List<Column> EVENTS = List.of(
            Column.of("Last Seen", (o, now) -> Age.since(EventSummary.lastSeen(o), now)),
            Column.of("Type", (o, now) -> text(o, "/type")),
            Column.of("Reason", (o, now) -> text(o, "/reason")),
            Column.of("Object", (o, now) -> EventSummary.object(o)),
            Column.of("Message", (o, now) -> text(o, "/message")));

    private Columns() {
    }

    /** Every column of the kind's table, Name first (but for Events, listed by when they were last seen). */
    public static List<Column> of(ResourceType type) {
        if (type.equals(ResourceTypes.EVENT)) {
            return EVENTS;
        }
        List<Column> columns = new ArrayList<>();
        columns.add(Column.objectName());
        columns.addAll(BY_KIND.getOrDefault(type.kind(), List.of(Column.age())));
        return List.copyOf(columns);
    }

    public static String text(JsonNode object, String pointer) {
        JsonNode node = object.at(pointer);
        return node.isValueNode() ? node.asText() : "";
    }

    public static String number(JsonNode object, String pointer) {
        JsonNode node = object.at(pointer);
        return node.isNumber() ? node.asText() : "0";
    }

    public static String orNone(String text) {
        return text == null || text.isEmpty() ? "<none>" : text;
    }

    private static String orUnknown(String text) {
        return text.isEmpty() ? "Unknown" : text;
    }

    private static String shortCommit(String commit) {
        return commit.isEmpty() ? "<none>" : commit.substring(0, Math.min(7, commit.length()));
    }

    /** A count or percentage as kubectl shows it, {@code N/A} when not set. */
    private static String orNotApplicable(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "N/A" : value.asText();
    }

    /** kubectl's rendering of an optional boolean: {@code True}, {@code False}, or {@code <unset>}. */
    private static String bool(JsonNode value) {
        return value.isBoolean() ? (value.booleanValue() ? "True" : "False") : "<unset>";
    }

    /** The containers' {@code field}s of the pod template at {@code /spec/template} of {@code object}. */
    private static String containers(JsonNode object, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode container : object.at("/spec/template/spec/containers")) {
            values.add(container.path(field).asText());
        }
        return values.isEmpty() ? "<none>" : String.join(",", values);
    }

    private static String jobDuration(JsonNode job, Instant now) {
        String start = text(job, "/status/startTime");
        if (start.isEmpty()) {
            return "";
        }
        String end = text(job, "/status/completionTime");
        try {
            return Age.format(java.time.Duration.between(Instant.parse(start), end.isEmpty() ? now : Instant.parse(end)));
        } catch (java.time.format.DateTimeParseException e) {
            return "<unknown>";
        }
    }
}
