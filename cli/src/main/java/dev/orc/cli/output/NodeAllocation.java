package dev.orc.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.model.Quantity;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code orc describe node} shows of a node's pods, as kubectl does: each non-terminated pod with its cpu
 * and memory requests and limits, and the totals against the node's allocatable resources.
 */
final class NodeAllocation {
    record PodUsage(String namespace, String name, Quantity cpuRequest, Quantity cpuLimit, Quantity memoryRequest,
                    Quantity memoryLimit) {
    }

    private NodeAllocation() {
    }

    static List<PodUsage> pods(List<? extends JsonNode> pods) {
        List<PodUsage> usage = new ArrayList<>();
        for (JsonNode pod : pods) {
            String phase = pod.at("/status/phase").asText("");
            if (phase.equals("Succeeded") || phase.equals("Failed")) {
                continue;
            }
            usage.add(new PodUsage(pod.at("/metadata/namespace").asText(), pod.at("/metadata/name").asText(),
                    sum(pod, "requests", "cpu"), sum(pod, "limits", "cpu"), sum(pod, "requests", "memory"),
                    sum(pod, "limits", "memory")));
        }
        return usage;
    }

    private static Quantity sum(JsonNode pod, String kind, String resource) {
        Quantity total = Quantity.ZERO;
        for (JsonNode container : pod.at("/spec/containers")) {
            JsonNode value = container.path("resources").path(kind).path(resource);
            if (!value.isMissingNode() && !value.isNull()) {
                total = plus(total, Quantity.parse(value.asText()));
            }
        }
        return total;
    }

    /** The sum, written in the unit style of the amounts added ({@code 1Gi + 512Mi = 1536Mi}, not bytes). */
    static Quantity plus(Quantity a, Quantity b) {
        if (a.signum() == 0) {
            return b;
        }
        return b.signum() == 0 ? a : Quantity.of(a.amount().add(b.amount()), a.format());
    }

    /** {@code 250m (12%)}: an amount and its share of what the node offers. */
    static String share(Quantity used, JsonNode allocatable, boolean cpu) {
        String amount = used.signum() == 0 ? "0" : used.toString();
        if (allocatable.isMissingNode() || allocatable.isNull()) {
            return amount;
        }
        Quantity total = Quantity.parse(allocatable.asText());
        long whole = cpu ? total.milliValue() : total.value();
        long part = cpu ? used.milliValue() : used.value();
        long percent = whole == 0 ? 0 : part * 100 / whole;
        return amount + " (" + percent + "%)";
    }
}
