package dev.orc.api.model;

import java.util.Map;

/** v1 ConfigMap: text in {@code data}, base64 bytes in {@code binaryData}. */
public record ConfigMap(String apiVersion, String kind, ObjectMeta metadata, @OmitEmpty Map<String, String> data,
                        @OmitEmpty Map<String, String> binaryData, Boolean immutable) implements KubeObject {
    public static final String API_VERSION = "v1";
    public static final String KIND = "ConfigMap";

    public ConfigMap {
        data = Immutable.map(data);
        binaryData = Immutable.map(binaryData);
    }

    public static ConfigMap of(ObjectMeta metadata, Map<String, String> data) {
        return new ConfigMap(API_VERSION, KIND, metadata, data, null, null);
    }

    @Override
    public ConfigMap withMetadata(ObjectMeta metadata) {
        return new ConfigMap(apiVersion, kind, metadata, data, binaryData, immutable);
    }
}
