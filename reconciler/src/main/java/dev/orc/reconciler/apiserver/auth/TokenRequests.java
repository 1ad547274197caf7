package dev.orc.reconciler.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.ServiceAccount;
import dev.orc.api.model.Timestamps;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST serviceaccounts/NAME/token}: answers an authentication.k8s.io/v1 TokenRequest with a
 * {@link ServiceAccountToken} of the account, bound to the pod its {@code spec.boundObjectRef} names (which must run as
 * that account), for {@code spec.expirationSeconds} (one hour unless asked; at least ten minutes, at most two days).
 * A node may only ask for tokens bound to pods bound to it, as Kubernetes' NodeRestriction holds it.
 */
public final class TokenRequests {
    private final ObjectRegistry registry;
    private final PrivateKey key;
    private final Clock clock;

    public TokenRequests(ObjectRegistry registry, PrivateKey key, Clock clock) {
        this.registry = registry;
        this.key = key;
        this.clock = clock;
    }

    /** The TokenRequest {@code request} with its {@code status} filled in, asked by {@code caller} (empty: the server). */
    public ObjectNode issue(String namespace, String account, ObjectNode request, Optional<UserInfo> caller) {
        JsonNode serviceAccount = registry.get(ResourceTypes.SERVICE_ACCOUNT, namespace, account);
        JsonNode spec = request.path("spec");
        Duration lifetime = lifetime(spec.path("expirationSeconds"));
        JsonNode bound = spec.path("boundObjectRef");
        String podName = "";
        String podUid = "";
        if (!bound.isMissingNode() && !bound.isNull()) {
            JsonNode pod = boundPod(namespace, account, bound);
            podName = pod.path("metadata").path("name").asText();
            podUid = pod.path("metadata").path("uid").asText();
            String podNode = pod.path("spec").path("nodeName").asText("");
            Optional<String> node = caller.flatMap(NodeAuthorizer::nodeName);
            if (node.isPresent() && !node.get().equals(podNode)) {
                throw forbidden(account, "node requested token bound to a pod scheduled on a different node");
            }
        } else if (caller.flatMap(NodeAuthorizer::nodeName).isPresent()) {
            throw forbidden(account, "node requested token not bound to a pod");
        }
        Instant expires = clock.instant().plus(lifetime);
        ServiceAccountToken token = new ServiceAccountToken(namespace, account,
                serviceAccount.path("metadata").path("uid").asText(), podName, podUid, expires);
        ObjectNode answer = request.deepCopy();
        answer.put("apiVersion", "authentication.k8s.io/v1").put("kind", "TokenRequest");
        ObjectNode metadata = object(answer, "metadata");
        metadata.put("name", account).put("namespace", namespace);
        ObjectNode answeredSpec = object(answer, "spec");
        answeredSpec.put("expirationSeconds", lifetime.toSeconds());
        if (!answeredSpec.has("audiences")) {
            answeredSpec.putArray("audiences");
        }
        answer.putObject("status").put("token", token.sign(key)).put("expirationTimestamp", Timestamps.format(expires));
        return answer;
    }

    private JsonNode boundPod(String namespace, String account, JsonNode bound) {
        String kind = bound.path("kind").asText("");
        if (!"Pod".equals(kind)) {
            throw invalid(account, "spec.boundObjectRef.kind", "supported values: \"Pod\", got \"" + kind + "\"");
        }
        String name = bound.path("name").asText("");
        JsonNode pod;
        try {
            pod = registry.get(ResourceTypes.POD, namespace, name);
        } catch (ApiException.NotFound e) {
            throw new ApiException.NotFound(ResourceTypes.POD, name);
        }
        String uid = bound.path("uid").asText("");
        String actualUid = pod.path("metadata").path("uid").asText();
        if (!uid.isEmpty() && !uid.equals(actualUid)) {
            throw new ApiException.Conflict(ResourceTypes.POD, name, "the UID in the bound object reference (" + uid
                    + ") does not match the UID in record. The object might have been deleted and then recreated");
        }
        String runsAs = pod.path("spec").path("serviceAccountName").asText(ServiceAccount.DEFAULT);
        if (!account.equals(runsAs)) {
            throw invalid(account, "spec.boundObjectRef", "cannot bind token for serviceaccount \"" + account
                    + "\" to pod running with different serviceaccount name");
        }
        return pod;
    }

    private static Duration lifetime(JsonNode expirationSeconds) {
        if (expirationSeconds.isMissingNode() || expirationSeconds.isNull()) {
            return ServiceAccountToken.DEFAULT_LIFETIME;
        }
        if (!expirationSeconds.canConvertToLong()) {
            throw new ApiException.BadRequest("spec.expirationSeconds must be an integer, got " + expirationSeconds);
        }
        Duration asked = Duration.ofSeconds(expirationSeconds.asLong());
        if (asked.compareTo(ServiceAccountToken.MIN_LIFETIME) < 0) {
            throw new ApiException.BadRequest("spec.expirationSeconds: Invalid value: " + asked.toSeconds()
                    + ": may not specify a duration less than 10 minutes");
        }
        return asked.compareTo(ServiceAccountToken.MAX_LIFETIME) > 0 ? ServiceAccountToken.MAX_LIFETIME : asked;
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        return parent.get(field) instanceof ObjectNode existing ? existing : parent.putObject(field);
    }

    private static ApiException forbidden(String account, String why) {
        return new ApiException.Forbidden(ResourceTypes.SERVICE_ACCOUNT, account, why);
    }

    private static ApiException invalid(String account, String field, String message) {
        return new ApiException.Invalid(ResourceTypes.SERVICE_ACCOUNT, account,
                List.of(ApiException.Cause.invalid(field, message)));
    }
}
