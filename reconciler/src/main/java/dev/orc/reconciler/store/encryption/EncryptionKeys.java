package dev.orc.reconciler.store.encryption;

import dev.orc.reconciler.store.PrivateFiles;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys that encrypt Secrets at rest, from a file of {@code name:base64-key} lines (256-bit AES keys).
 * The first line is the key new writes use; every listed key decrypts. To rotate, put a new key first and
 * keep the old ones below it until every Secret has been rewritten; servers sharing a cluster token rotate together
 * with {@code orc secrets-encrypt rotate-keys}. A value: each change returns a new key set.
 */
public final class EncryptionKeys {
    /** The keys' file in a server's data directory. */
    public static final String FILE = "encryption-keys";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,32}");
    private static final Pattern NUMBERED = Pattern.compile("key(\\d{1,9})");

    /** The key names in file order; the first is the primary. */
    private final List<String> order;
    private final Map<String, SecretKey> keys;

    private EncryptionKeys(List<String> order, Map<String, SecretKey> keys) {
        this.order = List.copyOf(order);
        this.keys = Map.copyOf(keys);
    }

    /** Reads the key file, creating it with one fresh key (mode 0600) when it does not exist. */
    public static EncryptionKeys loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            PrivateFiles.write(file, "key1:" + Base64.getEncoder().encodeToString(newKey()) + "\n");
        }
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** The key set written as {@link #text()} writes it; {@code source} names it in errors. */
    public static EncryptionKeys parse(String text, String source) {
        return parse(text.lines().toList(), source);
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
        return new EncryptionKeys(order, keys);
    }

    public static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The name of the key new writes use. */
    public String primaryName() {
        return order.getFirst();
    }

    /** Every key's name, the primary first. */
    public List<String> names() {
        return order;
    }

    SecretKey primaryKey() {
        return keys.get(primaryName());
    }

    Optional<SecretKey> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    /** The key file's text: one {@code name:base64} line per key, the primary first. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (String name : order) {
            out.append(name).append(':').append(Base64.getEncoder().encodeToString(keys.get(name).getEncoded())).append('\n');
        }
        return out.toString();
    }

    /** A short digest of the keys and their order, by which servers tell that they hold the same set. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** A name no key has yet: {@code keyN} after the highest numbered one. */
    public String nextName() {
        int highest = 0;
        for (String name : order) {
            Matcher numbered = NUMBERED.matcher(name);
            if (numbered.matches()) {
                highest = Math.max(highest, Integer.parseInt(numbered.group(1)));
            }
        }
        return "key" + (highest + 1);
    }

    /** This set with {@code key} added right after the primary: it decrypts, but nothing is written with it yet. */
    public EncryptionKeys withSecondary(String name, byte[] key) {
        if (keys.containsKey(name)) {
            throw new IllegalArgumentException("a key named \"" + name + "\" exists already");
        }
        List<String> names = new ArrayList<>(order);
        names.add(1, name);
        Map<String, SecretKey> all = new LinkedHashMap<>(keys);
        all.put(name, new SecretKeySpec(key, "AES"));
        return new EncryptionKeys(names, all);
    }

    /** This set with {@code name} first, so new writes use it. */
    public EncryptionKeys withPrimary(String name) {
        if (!keys.containsKey(name)) {
            throw new IllegalArgumentException("no key named \"" + name + "\" in " + order);
        }
        List<String> names = new ArrayList<>(order);
        names.remove(name);
        names.addFirst(name);
        return new EncryptionKeys(names, keys);
    }

    /** The primary key alone. */
    public EncryptionKeys primaryOnly() {
        return new EncryptionKeys(List.of(primaryName()), Map.of(primaryName(), primaryKey()));
    }
}
