package dev.orc.reconciler.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.validation.Problem;
import dev.orc.reconciler.apiserver.registry.Admission;
import dev.orc.reconciler.apiserver.registry.Meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks the API server makes itself, whatever the schema says: kind and apiVersion match the URL
 * (filled in when missing), the name is a valid DNS name, labels are maps of strings.
 */
public final class BasicAdmission implements Admission {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    @Override
    public ObjectNode admit(ResourceType type, ObjectNode incoming, ObjectNode existingOrNull) {
        List<Problem> problems = new ArrayList<>();
        checkTypeField(incoming, "apiVersion", type.apiVersion(), problems);
        checkTypeField(incoming, "kind", type.kind(), problems);
        String name = Meta.name(incoming);
        if (name == null || name.isEmpty()) {
            problems.add(Problem.error("metadata.name", "name or generateName is required"));
        } else {
            checkName(type, name, problems);
        }
        checkStringMap(Meta.metadata(incoming), "labels", problems);
        checkStringMap(Meta.metadata(incoming), "annotations", problems);
        Admission.rejectErrors(type, incoming, problems);
        return incoming;
    }

    private static void checkTypeField(ObjectNode object, String field, String expected, List<Problem> problems) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            object.put(field, expected);
        } else if (!value.asText().equals(expected)) {
            problems.add(Problem.error(field, "must be \"" + expected + "\" for this URL, got \"" + value.asText() + "\""));
        }
    }

    private static void checkName(ResourceType type, String name, List<Problem> problems) {
        if (type.group().equals("rbac.authorization.k8s.io")) {
            checkPathSegmentName(name, problems);
            return;
        }
        boolean label = type == ResourceTypes.NAMESPACE || type == ResourceTypes.SERVICE;
        int max = label ? 63 : 253;
        Pattern pattern = label ? DNS_LABEL : DNS_SUBDOMAIN;
        if (name.length() > max || !pattern.matcher(name).matches()) {
            problems.add(Problem.error("metadata.name", "Invalid value: \"" + name + "\": a lowercase RFC 1123 "
                    + (label ? "label" : "subdomain") + " must consist of lower case alphanumeric characters, '-'"
                    + (label ? "" : " or '.'") + ", start and end with an alphanumeric character, and be at most "
                    + max + " characters"));
        }
    }

    /** RBAC objects are named by path segments, as Kubernetes validates them ({@code system:masters} is valid). */
    private static void checkPathSegmentName(String name, List<Problem> problems) {
        if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")) {
            problems.add(Problem.error("metadata.name", "Invalid value: \"" + name + "\": may not be '.' or '..' and "
                    + "may not contain '/' or '%'"));
        }
    }

    private static void checkStringMap(ObjectNode metadata, String field, List<Problem> problems) {
        JsonNode map = metadata.get(field);
        if (map == null || map.isNull()) {
            return;
        }
        if (!map.isObject()) {
            problems.add(Problem.error("metadata." + field, "must be a map of strings"));
            return;
        }
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            if (!entry.getValue().isTextual()) {
                problems.add(Problem.error("metadata." + field + "." + entry.getKey(),
                        "must be a string, got " + entry.getValue().getNodeType().name().toLowerCase()));
            }
        }
    }
}
