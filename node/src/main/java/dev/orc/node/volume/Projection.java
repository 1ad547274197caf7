package dev.orc.node.volume;

import dev.orc.node.config.ContainerConfigException;
import dev.orc.api.model.Volume;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which files a ConfigMap or Secret volume holds: every key, or the {@code items} with their paths and modes. */
final class Projection {

    private Projection() {
    }

    static Map<String, ProjectedFile> files(String volume, String kind, Map<String, byte[]> values,
                                            List<Volume.KeyToPath> items, int defaultMode, boolean optional) {
        Map<String, ProjectedFile> files = new LinkedHashMap<>();
        if (items.isEmpty()) {
            values.forEach((key, value) -> files.put(key, new ProjectedFile(value, defaultMode)));
            return files;
        }
        for (Volume.KeyToPath item : items) {
            byte[] value = values.get(item.key());
            if (value == null) {
                if (optional) {
                    continue;
                }
                throw new ContainerConfigException("volume " + volume + ": " + kind
                        + " references non-existent key: " + item.key());
            }
            files.put(checkedPath(volume, item.path()), new ProjectedFile(value,
                    item.mode() == null ? defaultMode : item.mode()));
        }
        return files;
    }

    /** A relative path with no {@code ..} element, as Kubernetes validates item paths and subPaths. */
    static String checkedPath(String volume, String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.startsWith("..")
                || List.of(path.split("/")).contains("..")) {
            throw new ContainerConfigException("volume " + volume + ": path \"" + path
                    + "\" must be relative and must not contain '..'");
        }
        return path;
    }
}
