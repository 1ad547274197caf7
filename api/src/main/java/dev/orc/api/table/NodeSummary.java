package dev.orc.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The STATUS, ROLES and addresses of a node, as kubectl shows them. */
public final class NodeSummary {
    private static final String ROLE_PREFIX = "node-role.kubernetes.io/";

    private NodeSummary() {
    }

    /** {@code Ready}, {@code NotReady} or {@code Unknown}, with {@code ,SchedulingDisabled} when cordoned. */
    public static String status(JsonNode node) {
        String status = "Unknown";
        for (JsonNode condition : node.at("/status/conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                status = condition.path("status").asText().equals("True") ? "Ready" : "NotReady";
            }
        }
        return node.at("/spec/unschedulable").asBoolean(false) ? status + ",SchedulingDisabled" : status;
    }

    public static String roles(JsonNode node) {
        List<String> roles = new ArrayList<>();
        for (Iterator<String> names = node.at("/metadata/labels").fieldNames(); names.hasNext(); ) {
            String label = names.next();
            if (label.startsWith(ROLE_PREFIX) && label.length() > ROLE_PREFIX.length()) {
                roles.add(label.substring(ROLE_PREFIX.length()));
            }
        }
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    public static String address(JsonNode node, String type) {
        for (JsonNode address : node.at("/status/addresses")) {
            if (address.path("type").asText().equals(type)) {
                return address.path("address").asText();
            }
        }
        return "<none>";
    }
}
