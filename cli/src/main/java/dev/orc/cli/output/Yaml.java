package dev.orc.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;
import org.yaml.snakeyaml.DumperOptions;

/** Objects rendered as kubectl renders {@code -o yaml}: block style, keys in their order, lists under their key. */
public final class Yaml {
    private Yaml() {
    }

    public static String write(JsonNode node) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setSplitLines(false);
        options.setWidth(Integer.MAX_VALUE);
        Object value = Json.mapper().convertValue(node, Object.class);
        return new org.yaml.snakeyaml.Yaml(options).dump(value);
    }
}
