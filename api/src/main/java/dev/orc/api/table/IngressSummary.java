package dev.orc.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An Ingress's hosts and addresses as kubectl prints them. */
public final class IngressSummary {
    private IngressSummary() {
    }

    /** The hosts of the rules, {@code *} for a rule of every host (and for an Ingress of a default backend only). */
    public static String hosts(JsonNode ingress) {
        Set<String> hosts = new LinkedHashSet<>();
        for (JsonNode rule : ingress.at("/spec/rules")) {
            hosts.add(rule.path("host").asText("").isEmpty() ? "*" : rule.path("host").asText());
        }
        return hosts.isEmpty() ? "*" : String.join(",", hosts);
    }

    /** The addresses that serve it, from its status, comma-separated. */
    public static String address(JsonNode ingress) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode entry : ingress.at("/status/loadBalancer/ingress")) {
            addresses.add(entry.has("ip") ? entry.path("ip").asText() : entry.path("hostname").asText());
        }
        return String.join(",", addresses);
    }
}
