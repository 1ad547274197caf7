package dev.orc.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The kubectl columns of each kind (after NAME), with {@code -o wide} extras. */
public final class Columns {
    /** Where a CronJob keeps the spec its Jobs are made of: its pod template is at the same place as a Job's. */
    private static final String JOB_TEMPLATE = "/spec/jobTemplate";
    private static final Map<String, List<Column>> BY_KIND = Map.ofEntries(
            Map.entry(ResourceTypes.POD.kind(), List.of(
                    Column.of("READY", (o, now) -> PodSummary.ready(o)),
                    Column.of("STATUS", (o, now) -> PodSummary.status(o)),
                    Column.of("RESTARTS", (o, now) -> Long.toString(PodSummary.restarts(o))),
                    Column.age(),
                    Column.wide("IP", (o, now) -> orNone(text(o, "/status/podIP"))),
                    Column.wide("NODE", (o, now) -> orNone(text(o, "/spec/nodeName"))))),
            Map.entry(ResourceTypes.DEPLOYMENT.kind(), List.of(
                    Column.of("READY", (o, now) -> number(o, "/status/readyReplicas") + "/" + number(o, "/spec/replicas")),
                    Column.of("UP-TO-DATE", (o, now) -> number(o, "/status/updatedReplicas")),
                    Column.of("AVAILABLE", (o, now) -> number(o, "/status/availableReplicas")),
                    Column.age(),
                    Column.wide("CONTAINERS", (o, now) -> containers(o, "name")),
                    Column.wide("IMAGES", (o, now) -> containers(o, "image")),
                    Column.wide("SELECTOR", (o, now) -> Selectors.format(o.at("/spec/selector"))))),
            Map.entry(ResourceTypes.REPLICA_SET.kind(), List.of(
                    Column.of("DESIRED", (o, now) -> number(o, "/spec/replicas")),
                    Column.of("CURRENT", (o, now) -> number(o, "/status/replicas")),
                    Column.of("READY", (o, now) -> number(o, "/status/readyReplicas")),
                    Column.age(),
                    Column.wide("CONTAINERS", (o, now) -> containers(o, "name")),
                    Column.wide("IMAGES", (o, now) -> containers(o, "image")),
                    Column.wide("SELECTOR", (o, now) -> Selectors.format(o.at("/spec/selector"))))),
            Map.entry(ResourceTypes.DAEMON_SET.kind(), List.of(
                    Column.of("DESIRED", (o, now) -> number(o, "/status/desiredNumberScheduled")),
                    Column.of("CURRENT", (o, now) -> number(o, "/status/currentNumberScheduled")),
                    Column.of("READY", (o, now) -> number(o, "/status/numberReady")),
                    Column.of("UP-TO-DATE", (o, now) -> number(o, "/status/updatedNumberScheduled")),
                    Column.of("AVAILABLE", (o, now) -> number(o, "/status/numberAvailable")),
                    Column.of("NODE SELECTOR", (o, now) -> orNone(Selectors.formatMap(o.at("/spec/template/spec/nodeSelector")))),
                    Column.age(),
                    Column.wide("CONTAINERS", (o, now) -> containers(o, "name")),
                    Column.wide("IMAGES", (o, now) -> containers(o, "image")))),
            Map.entry(ResourceTypes.STATEFUL_SET.kind(), List.of(
                    Column.of("READY", (o, now) -> number(o, "/status/readyReplicas") + "/" + number(o, "/spec/replicas")),
                    Column.age(),
                    Column.wide("CONTAINERS", (o, now) -> containers(o, "name")),
                    Column.wide("IMAGES", (o, now) -> containers(o, "image")))),
            Map.entry(ResourceTypes.CONTROLLER_REVISION.kind(), List.of(
                    Column.of("CONTROLLER", (o, now) -> ClaimSummary.controller(o)),
                    Column.of("REVISION", (o, now) -> number(o, "/revision")),
                    Column.age())),
            Map.entry(ResourceTypes.PERSISTENT_VOLUME_CLAIM.kind(), List.of(
                    Column.of("STATUS", (o, now) -> text(o, "/status/phase")),
                    Column.of("VOLUME", (o, now) -> text(o, "/spec/volumeName")),
                    Column.of("CAPACITY", (o, now) -> text(o, "/status/capacity/storage")),
                    Column.of("ACCESS MODES", (o, now) -> ClaimSummary.accessModes(o.at("/status/accessModes"))),
                    Column.of("STORAGECLASS", (o, now) -> text(o, "/spec/storageClassName")),
                    Column.of("VOLUMEATTRIBUTESCLASS", (o, now) -> "<unset>"),
                    Column.age(),
                    Column.wide("VOLUMEMODE", (o, now) -> text(o, "/spec/volumeMode")))),
            Map.entry(ResourceTypes.JOB.kind(), List.of(
                    Column.of("COMPLETIONS", (o, now) -> number(o, "/status/succeeded") + "/"
                            + (o.at("/spec/completions").isNumber() ? o.at("/spec/completions").asText() : "1")),
                    Column.of("DURATION", Columns::jobDuration),
                    Column.age(),
                    Column.wide("CONTAINERS", (o, now) -> containers(o, "name")),
                    Column.wide("IMAGES", (o, now) -> containers(o, "image")))),
            Map.entry(ResourceTypes.CRON_JOB.kind(), List.of(
                    Column.of("SCHEDULE", (o, now) -> text(o, "/spec/schedule")),
                    Column.of("TIMEZONE", (o, now) -> orNone(text(o, "/spec/timeZone"))),
                    Column.of("SUSPEND", (o, now) -> bool(o.at("/spec/suspend"))),
                    Column.of("ACTIVE", (o, now) -> Integer.toString(o.at("/status/active").size())),
                    Column.of("LAST SCHEDULE", (o, now) -> text(o, "/status/lastScheduleTime").isEmpty() ? "<none>"
                            : Age.since(text(o, "/status/lastScheduleTime"), now)),
                    Column.age(),
                    Column.wide("CONTAINERS", (o, now) -> containers(o.at(JOB_TEMPLATE), "name")),
                    Column.wide("IMAGES", (o, now) -> containers(o.at(JOB_TEMPLATE), "image")),
                    Column.wide("SELECTOR", (o, now) -> Selectors.format(o.at("/spec/jobTemplate/spec/selector"))))),
            Map.entry(ResourceTypes.SERVICE.kind(), List.of(
                    Column.of("TYPE", (o, now) -> text(o, "/spec/type").isEmpty() ? "ClusterIP" : text(o, "/spec/type")),
                    Column.of("CLUSTER-IP", (o, now) -> orNone(text(o, "/spec/clusterIP"))),
                    Column.of("EXTERNAL-IP", (o, now) -> ServiceSummary.externalIp(o)),
                    Column.of("PORT(S)", (o, now) -> ServiceSummary.ports(o)),
                    Column.age(),
                    Column.wide("SELECTOR", (o, now) -> orNone(Selectors.formatMap(o.at("/spec/selector")))))),
            Map.entry(ResourceTypes.ENDPOINTS.kind(), List.of(
                    Column.of("ENDPOINTS", (o, now) -> ServiceSummary.endpoints(o)),
                    Column.age())),
            Map.entry(ResourceTypes.CONFIG_MAP.kind(), List.of(
                    Column.of("DATA", (o, now) -> Integer.toString(o.path("data").size() + o.path("binaryData").size())),
                    Column.age())),
            Map.entry(ResourceTypes.SECRET.kind(), List.of(
                    Column.of("TYPE", (o, now) -> text(o, "/type").isEmpty() ? "Opaque" : text(o, "/type")),
                    Column.of("DATA", (o, now) -> Integer.toString(o.path("data").size() + o.path("stringData").size())),
                    Column.age())),
            Map.entry(ResourceTypes.NAMESPACE.kind(), List.of(
                    Column.of("STATUS", (o, now) -> text(o, "/status/phase").isEmpty() ? "Active" : text(o, "/status/phase")),
                    Column.age())),
            Map.entry(ResourceTypes.NODE.kind(), List.of(
                    Column.of("STATUS", (o, now) -> NodeSummary.status(o)),
                    Column.of("ROLES", (o, now) -> NodeSummary.roles(o)),
                    Column.age(),
                    Column.of("VERSION", (o, now) -> orNone(text(o, "/status/nodeInfo/kubeletVersion"))),
                    Column.wide("INTERNAL-IP", (o, now) -> NodeSummary.address(o, "InternalIP")))),
            Map.entry(ResourceTypes.GIT_SOURCE.kind(), List.of(
                    Column.of("URL", (o, now) -> text(o, "/spec/url")),
                    Column.of("SYNC", (o, now) -> orUnknown(text(o, "/status/sync"))),
                    Column.of("HEALTH", (o, now) -> orUnknown(text(o, "/status/health"))),
                    Column.of("REVISION", (o, now) -> shortCommit(text(o, "/status/lastAppliedCommit"))),
                    Column.age(),
                    Column.wide("MESSAGE", (o, now) -> text(o, "/status/message")))),
            Map.entry(ResourceTypes.INGRESS.kind(), List.of(
                    Column.of("CLASS", (o, now) -> orNone(text(o, "/spec/ingressClassName"))),
                    Column.of("HOSTS", (o, now) -> IngressSummary.hosts(o)),
                    Column.of("ADDRESS", (o, now) -> IngressSummary.address(o)),
                    Column.of("PORTS", (o, now) -> o.at("/spec/tls").isEmpty() ? "80" : "80, 443"),
                    Column.age())),
            Map.entry(ResourceTypes.INGRESS_CLASS.kind(), List.of(
                    Column.of("CONTROLLER", (o, now) -> text(o, "/spec/controller")),
                    Column.of("PARAMETERS", (o, now) -> "<none>"),
                    Column.age())),
            Map.entry(ResourceTypes.POD_DISRUPTION_BUDGET.kind(), List.of(
                    Column.of("MIN AVAILABLE", (o, now) -> orNotApplicable(o.at("/spec/minAvailable"))),
                    Column.of("MAX UNAVAILABLE", (o, now) -> orNotApplicable(o.at("/spec/maxUnavailable"))),
                    Column.of("ALLOWED DISRUPTIONS", (o, now) -> number(o, "/status/disruptionsAllowed")),
                    Column.age())),
            Map.entry(ResourceTypes.LEASE.kind(), List.of(
                    Column.of("HOLDER", (o, now) -> text(o, "/spec/holderIdentity")),
                    Column.age())));

    /** Events list as {@code kubectl get events}: no NAME column, newest state of each event. */
    private static final List<Column> EVENTS = List.of(
            Column.of("LAST SEEN", (o, now) -> Age.since(EventSummary.lastSeen(o), now)),
            Column.of("TYPE", (o, now) -> text(o, "/type")),
            Column.of("REASON", (o, now) -> text(o, "/reason")),
            Column.of("OBJECT", (o, now) -> EventSummary.object(o)),
            Column.of("MESSAGE", (o, now) -> text(o, "/message")));

    private Columns() {
    }

    /** Every column of the kind's table, the NAME column (and NAMESPACE with {@code allNamespaces}) included. */
    public static List<Column> of(ResourceType type, boolean wide, boolean allNamespaces, boolean qualifiedNames) {
        List<Column> columns = new ArrayList<>();
        if (allNamespaces && type.namespaced()) {
            columns.add(Column.of("NAMESPACE", (o, now) -> text(o, "/metadata/namespace")));
        }
        if (type.equals(ResourceTypes.EVENT)) {
            columns.addAll(EVENTS);
            return List.copyOf(columns);
        }
        columns.add(Column.of("NAME", (o, now) -> (qualifiedNames ? type.qualifiedName() + "/" : "")
                + text(o, "/metadata/name")));
        for (Column column : BY_KIND.getOrDefault(type.kind(), List.of(Column.age()))) {
            if (wide || !column.wideOnly()) {
                columns.add(column);
            }
        }
        return List.copyOf(columns);
    }

    public static List<String> headers(List<Column> columns) {
        return columns.stream().map(Column::header).toList();
    }

    public static List<String> row(List<Column> columns, JsonNode object, Instant now) {
        return columns.stream().map(c -> c.cell().apply(object, now)).toList();
    }

    static String text(JsonNode object, String pointer) {
        JsonNode node = object.at(pointer);
        return node.isValueNode() ? node.asText() : "";
    }

    static String number(JsonNode object, String pointer) {
        JsonNode node = object.at(pointer);
        return node.isNumber() ? node.asText() : "0";
    }

    static String orNone(String text) {
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
