package dev.orc.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How kubectl shows claims' access modes and the controller of a ControllerRevision. */
public final class ClaimSummary {
    private static final Map<String, String> ABBREVIATIONS = Map.of("ReadWriteOnce", "RWO", "ReadOnlyMany", "ROX",
            "ReadWriteMany", "RWX", "ReadWriteOncePod", "RWOP");

    private ClaimSummary() {
    }

    /** {@code RWO,ROX}, in the order given. */
    public static String accessModes(JsonNode modes) {
        List<String> out = new ArrayList<>();
        for (JsonNode mode : modes) {
            out.add(ABBREVIATIONS.getOrDefault(mode.asText(), mode.asText()));
        }
        return String.join(",", out);
    }

    /** The revision's controller as {@code statefulset.apps/web}, or {@code <none>}. */
    public static String controller(JsonNode revision) {
        for (JsonNode ref : revision.at("/metadata/ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                String apiVersion = ref.path("apiVersion").asText();
                String group = apiVersion.contains("/") ? "." + apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                return ref.path("kind").asText().toLowerCase(java.util.Locale.ROOT) + group + "/" + ref.path("name").asText();
            }
        }
        return "<none>";
    }
}
