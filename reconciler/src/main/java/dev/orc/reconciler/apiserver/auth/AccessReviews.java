package dev.orc.reconciler.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.status.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * authorization.k8s.io/v1 SelfSubjectAccessReview and SubjectAccessReview: "may I (or may this user) do this?",
 * answered by the same authorizer that judges requests, so {@code kubectl auth can-i} and {@code orc auth can-i}
 * agree with what the server enforces.
 */
public final class AccessReviews {
    private final BiFunction<UserInfo, RequestAttributes, RbacAuthorizer.Decision> authorizer;

    public AccessReviews(BiFunction<UserInfo, RequestAttributes, RbacAuthorizer.Decision> authorizer) {
        this.authorizer = authorizer;
    }

    /** The review of the caller's own rights. */
    public ObjectNode self(UserInfo caller, JsonNode review) {
        return answer(review, caller);
    }

    /** The review of the rights of {@code spec.user} with {@code spec.groups}. */
    public ObjectNode of(JsonNode review) {
        JsonNode spec = review.path("spec");
        String user = spec.path("user").asText("");
        if (user.isEmpty() && spec.path("groups").isEmpty()) {
            throw new ApiException.BadRequest("spec.user or spec.groups is required");
        }
        List<String> groups = new ArrayList<>();
        spec.path("groups").forEach(group -> groups.add(group.asText()));
        return answer(review, new UserInfo(user, spec.path("uid").asText(user), groups));
    }

    private ObjectNode answer(JsonNode review, UserInfo user) {
        if (!(review instanceof ObjectNode body)) {
            throw new ApiException.BadRequest("the review must be a JSON object");
        }
        RbacAuthorizer.Decision decision = authorizer.apply(user, attributes(body.path("spec")));
        ObjectNode answer = body.deepCopy();
        if (!answer.has("metadata")) {
            answer.putObject("metadata");
        }
        ObjectNode status = answer.putObject("status").put("allowed", decision.allowed());
        if (decision.allowed()) {
            status.put("reason", decision.reason());
        } else {
            status.put("denied", false).put("reason", "no RBAC rule allows it: " + decision.reason());
        }
        return answer;
    }

    private static RequestAttributes attributes(JsonNode spec) {
        JsonNode resource = spec.path("resourceAttributes");
        JsonNode nonResource = spec.path("nonResourceAttributes");
        if (resource.isObject()) {
            String verb = required(resource, "verb", "spec.resourceAttributes.verb");
            return RequestAttributes.resource(verb, resource.path("group").asText(""),
                    required(resource, "resource", "spec.resourceAttributes.resource"),
                    resource.path("subresource").asText(""), resource.path("namespace").asText(""),
                    resource.path("name").asText(""));
        }
        if (nonResource.isObject()) {
            return RequestAttributes.nonResource(required(nonResource, "verb", "spec.nonResourceAttributes.verb"),
                    required(nonResource, "path", "spec.nonResourceAttributes.path"));
        }
        throw new ApiException.BadRequest("spec.resourceAttributes or spec.nonResourceAttributes is required");
    }

    private static String required(JsonNode node, String field, String path) {
        String value = node.path(field).asText("");
        if (value.isEmpty()) {
            throw new ApiException.BadRequest(path + " is required");
        }
        return value;
    }

    static ObjectNode parse(byte[] body) {
        try {
            return (ObjectNode) Json.parse(body);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new ApiException.BadRequest("the review is not a JSON object: " + e.getMessage());
        }
    }
}
