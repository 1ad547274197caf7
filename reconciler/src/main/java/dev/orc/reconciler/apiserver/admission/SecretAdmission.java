package dev.orc.reconciler.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.apiserver.registry.Admission;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A Secret's {@code stringData} is write-only, as in Kubernetes: its entries are stored base64-encoded in
 * {@code data} (overriding keys of the same name) and the field itself is dropped.
 */
public final class SecretAdmission implements Admission {
    @Override
    public ObjectNode admit(ResourceType type, ObjectNode incoming, ObjectNode existingOrNull) {
        if (type != ResourceTypes.SECRET || !(incoming.get("stringData") instanceof ObjectNode stringData)) {
            return incoming;
        }
        JsonNode existing = incoming.get("data");
        ObjectNode data = existing instanceof ObjectNode object ? object : incoming.putObject("data");
        for (Map.Entry<String, JsonNode> entry : stringData.properties()) {
            data.put(entry.getKey(), Base64.getEncoder().encodeToString(
                    entry.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        }
        incoming.remove("stringData");
        return incoming;
    }
}
