package dev.orc.reconciler.store.encryption;

import dev.orc.reconciler.store.PrivateFiles;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The keys that encrypt Secrets at rest, from a file of {@code name:base64-key} lines (256-bit AES keys).
 * The first line is the key new writes use; every listed key decrypts. To rotate, put a new key first and
 * keep the old ones below it until every Secret has been rewritten.
 */
public final class EncryptionKeys {
    /** The keys' file in a server's data directory. */
    public static final String FILE = "encryption-keys";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,32}");

    private final String primary;
    private final Map<String, SecretKey> keys;

    private EncryptionKeys(String primary, Map<String, SecretKey> keys) {
        this.primary = primary;
        this.keys = Map.copyOf(keys);
    }

    /** Reads the key file, creating it with one fresh key (mode 0600) when it does not exist. */
    public static EncryptionKeys loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            PrivateFiles.write(file, "key1:" + Base64.getEncoder().encodeToString(newKey()) + "\n");
        }
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    static EncryptionKeys parse(List<String> lines, String source) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String where = source + ":" + (i + 1);
            if (colon < 0 || !NAME.matcher(line.substring(0, colon)).matches()) {
                throw new IllegalArgumentException(where + ": expected NAME:BASE64KEY (name of letters, digits, - and _)");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(line.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": key is not valid base64");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException(where + ": key must be 32 bytes (AES-256), got " + key.length);
            }
            String name = line.substring(0, colon);
            if (keys.put(name, new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalArgumentException(where + ": key name \"" + name + "\" is listed twice");
            }
            order.add(name);
        }
        if (order.isEmpty()) {
            throw new IllegalArgumentException(source + ": no keys");
        }
        return new EncryptionKeys(order.get(0), keys);
    }

    public static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    String primaryName() {
        return primary;
    }

    SecretKey primaryKey() {
        return keys.get(primary);
    }

    Optional<SecretKey> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }
}
