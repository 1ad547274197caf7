package dev.orc.reconciler.apiserver.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.reconciler.apiserver.auth.RequestAttributes;
import dev.orc.reconciler.apiserver.auth.RequestGate;
import dev.orc.reconciler.apiserver.auth.UserInfo;
import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Records each finished HTTP request in the audit log as one audit.k8s.io/v1 Event line at the level its policy
 * gives: user, groups, verb, resource, namespace, name, response code, source address and latency (the
 * {@code orc.dev/latency} annotation); at {@code Request} also the body of a write. A Secret's body, or any
 * credential's, is never recorded, whatever the policy says. Requests the server makes to itself in process are not
 * HTTP requests and are not recorded.
 */
public final class AuditRecorder implements RequestLogger {
    /** The request attribute under which the API keeps the body it read, for {@code Request} level. */
    public static final String REQUEST_BODY = "orc.audit.requestBody";
    private static final Logger LOG = LoggerFactory.getLogger(AuditRecorder.class);
    private static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", "", List.of("system:unauthenticated"));
    private static final Set<String> WRITES = Set.of("create", "update", "patch");
    private static final Set<String> NEVER_RECORDED = Set.of("secrets", "tokenreviews", "serviceaccounts/token");

    private final AuditPolicy policy;
    private final AuditFile file;
    private final Clock clock;

    public AuditRecorder(AuditPolicy policy, AuditFile file, Clock clock) {
        this.policy = policy;
        this.file = file;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx, Float executionMillis) {
        String watch = ctx.queryParam("watch");
        RequestAttributes request = RequestAttributes.of(ctx.method().name(), ctx.path(),
                "true".equals(watch) || "1".equals(watch));
        UserInfo authenticated = RequestGate.requestUser(ctx);
        UserInfo user = authenticated == null ? ANONYMOUS : authenticated;
        AuditLevel level = policy.levelFor(user, request);
        if (level == AuditLevel.NONE) {
            return;
        }
        Duration took = Duration.ofNanos((long) (executionMillis * 1_000_000));
        String query = ctx.queryString();
        byte[] body = level.recordsRequestBody() && bodyMayBeRecorded(request) ? ctx.attribute(REQUEST_BODY) : null;
        try {
            file.append(Json.write(event(level, request, user, ctx.path() + (query == null ? "" : "?" + query),
                    ctx.statusCode(), ctx.ip(), ctx.userAgent(), took, body)));
        } catch (RuntimeException e) {
            LOG.error("audit event of {} {} not recorded: {}", ctx.method(), ctx.path(), e.getMessage());
        }
    }

    private static boolean bodyMayBeRecorded(RequestAttributes request) {
        if (!request.resourceRequest() || !WRITES.contains(request.verb())) {
            return false;
        }
        String full = request.subresource() == null ? request.resource() : request.resource() + "/" + request.subresource();
        return !NEVER_RECORDED.contains(request.resource()) && !NEVER_RECORDED.contains(full);
    }

    ObjectNode event(AuditLevel level, RequestAttributes request, UserInfo user, String uri, int code, String sourceIp,
                     String userAgent, Duration took, byte[] body) {
        Instant now = clock.instant();
        ObjectNode event = Json.object();
        event.put("kind", "Event").put("apiVersion", "audit.k8s.io/v1").put("level", level.text())
                .put("auditID", UUID.randomUUID().toString()).put("stage", "ResponseComplete").put("requestURI", uri)
                .put("verb", request.verb());
        ObjectNode who = event.putObject("user").put("username", user.name());
        if (!user.uid().isEmpty()) {
            who.put("uid", user.uid());
        }
        user.groups().forEach(who.putArray("groups")::add);
        event.putArray("sourceIPs").add(sourceIp);
        if (userAgent != null) {
            event.put("userAgent", userAgent);
        }
        if (request.resourceRequest() && request.resource() != null) {
            ObjectNode object = event.putObject("objectRef").put("resource", request.resource());
            putIfPresent(object, "namespace", request.namespace());
            putIfPresent(object, "name", request.name());
            putIfPresent(object, "apiGroup", request.apiGroup().isEmpty() ? null : request.apiGroup());
            putIfPresent(object, "subresource", request.subresource());
        }
        event.putObject("responseStatus").put("code", code);
        if (body != null && body.length > 0) {
            try {
                event.set("requestObject", Json.parse(body));
            } catch (RuntimeException notJson) {
                LOG.debug("the body of {} is not JSON and is not recorded", uri);
            }
        }
        event.put("requestReceivedTimestamp", now.minus(took).toString()).put("stageTimestamp", now.toString());
        event.putObject("annotations").put("orc.dev/latency",
                String.format(Locale.ROOT, "%.1fms", took.toNanos() / 1_000_000.0));
        return event;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
