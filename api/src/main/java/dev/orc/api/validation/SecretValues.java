package dev.orc.api.validation;

import com.networknt.schema.path.NodePath;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.util.Set;

/**
 * Where a document holds secret values: a Secret's {@code data} and {@code stringData}. Messages about a field
 * there never quote its value, since they end up in GitSource status and Events, which are not encrypted.
 */
final class SecretValues {
    private static final Set<String> SECRET_MAPS = Set.of("data", "stringData");

    private SecretValues() {
    }

    static boolean covers(ResourceType type, NodePath path) {
        return type == ResourceTypes.SECRET && path.getNameCount() > 0
                && SECRET_MAPS.contains(String.valueOf(path.getElement(0)));
    }
}
