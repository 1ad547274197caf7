package dev.orc.reconciler.join;

import dev.orc.reconciler.store.PrivateFiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The data-directory files every server of a cluster shares, by path relative to the data directory. */
record SharedFiles(Map<String, String> files) {
    SharedFiles {
        files = Map.copyOf(files);
    }

    static SharedFiles read(Path dataDir, List<String> names) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : names) {
            files.put(name, Files.readString(dataDir.resolve(name), StandardCharsets.UTF_8));
        }
        return new SharedFiles(files);
    }

    /** Writes every file (readable by the owner only); true when any of them changed. */
    boolean write(Path dataDir) throws IOException {
        boolean changed = false;
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dataDir.resolve(file.getKey());
            if (Files.exists(path) && Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue())) {
                continue;
            }
            PrivateFiles.write(path, file.getValue());
            changed = true;
        }
        return changed;
    }

    /** The content of the file {@code name}; fails when the cluster's files do not hold it. */
    String get(String name) {
        String content = files.get(name);
        if (content == null) {
            throw new IllegalStateException("the cluster's shared files have no " + name);
        }
        return content;
    }

    /** These files with {@code name}'s content replaced. */
    SharedFiles with(String name, String content) {
        Map<String, String> changed = new LinkedHashMap<>(files);
        changed.put(name, content);
        return new SharedFiles(changed);
    }

    byte[] toBytes() {
        ObjectNode out = Json.object();
        files.forEach(out::put);
        return Json.write(out).getBytes(StandardCharsets.UTF_8);
    }

    static SharedFiles fromBytes(byte[] bytes) {
        Map<String, String> files = new LinkedHashMap<>();
        Json.parse(new String(bytes, StandardCharsets.UTF_8)).properties()
                .forEach(e -> files.put(e.getKey(), e.getValue().asText()));
        return new SharedFiles(files);
    }
}
