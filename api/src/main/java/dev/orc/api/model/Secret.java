package dev.orc.api.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** v1 Secret: base64 values in {@code data}; {@code stringData} is plain text merged over it on write. */
public record Secret(String apiVersion, String kind, ObjectMeta metadata, String type,
                     @OmitEmpty Map<String, String> data, @OmitEmpty Map<String, String> stringData,
                     Boolean immutable) implements KubeObject {
    public static final String API_VERSION = "v1";
    public static final String KIND = "Secret";
    public static final String OPAQUE = "Opaque";

    public Secret {
        data = Immutable.map(data);
        stringData = Immutable.map(stringData);
    }

    public static Secret of(ObjectMeta metadata, Map<String, String> base64Data) {
        return new Secret(API_VERSION, KIND, metadata, null, base64Data, null, null);
    }

    @Override
    public Secret withMetadata(ObjectMeta metadata) {
        return new Secret(apiVersion, kind, metadata, type, data, stringData, immutable);
    }

    /** The bytes of a key: from {@code stringData} when present there, else decoded from {@code data}. */
    public Optional<byte[]> value(String key) {
        if (stringData.containsKey(key)) {
            return Optional.of(stringData.get(key).getBytes(StandardCharsets.UTF_8));
        }
        String encoded = data.get(key);
        if (encoded == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Secret data \"" + key + "\" is not valid base64");
        }
    }
}
