package dev.orc.api.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Node label that says a node holds the local directory of a PersistentVolumeClaim: the node agent
 * sets {@code orc.dev/pvc-<namespace>.<claim>: "true"} the first time a pod uses the claim there, and
 * the scheduler keeps later pods of that claim on that node. A name part over 63 characters (the label
 * key limit) is shortened to a prefix and a hash of the full name.
 */
public final class ClaimLabels {

    public static final String PREFIX = "orc.dev/";
    private static final int MAX_NAME = 63;

    private ClaimLabels() {
    }

    public static String key(String namespace, String claim) {
        String name = "pvc-" + namespace + "." + claim;
        if (name.length() <= MAX_NAME) {
            return PREFIX + name;
        }
        String hash = sha256(namespace + "/" + claim).substring(0, 16);
        String head = name.substring(0, MAX_NAME - hash.length() - 1).replaceAll("[^A-Za-z0-9]+$", "");
        return PREFIX + head + "-" + hash;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
