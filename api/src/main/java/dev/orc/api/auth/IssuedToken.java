package dev.orc.api.auth;

import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A token issued by {@code orc token create}, kept as Kubernetes keeps bootstrap tokens: a Secret of type
 * {@value #TYPE} named {@code orc-token-ID} in {@code kube-system}, holding who the token is (user, uid, groups),
 * until when, and the SHA-256 of the token, never the token itself. The token is {@code ID.SECRET} (6 and 48
 * characters), so the server finds its Secret by the id and compares hashes; deleting the Secret revokes it at once.
 *
 * @param expires empty: valid until revoked
 */
public record IssuedToken(String id, String user, String uid, List<String> groups, Optional<Instant> expires,
                          String description) {
    public static final String NAMESPACE = "kube-system";
    public static final String TYPE = "orc.dev/token";
    public static final String NAME_PREFIX = "orc-token-";
    /** The user and group of a node's credential, as Kubernetes names nodes. */
    public static final String NODE_USER_PREFIX = "system:node:";
    public static final String NODES_GROUP = "system:nodes";
    private static final Pattern FORM = Pattern.compile("([a-z0-9]{6})\\.([0-9a-f]{48})");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    public IssuedToken {
        groups = List.copyOf(groups);
    }

    /** The credential of node {@code name}: user {@code system:node:NAME} in group {@code system:nodes}. */
    public static IssuedToken forNode(String id, String name, Optional<Instant> expires) {
        return new IssuedToken(id, NODE_USER_PREFIX + name, NODE_USER_PREFIX + name, List.of(NODES_GROUP), expires,
                "node " + name);
    }

    public IssuedToken withDescription(String text) {
        return new IssuedToken(id, user, uid, groups, expires, text);
    }

    /** A fresh token text {@code ID.SECRET} from {@code random} (a SecureRandom). */
    public static String generate(RandomGenerator random) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        return id + "." + HexFormat.of().formatHex(secret);
    }

    /** The id of a token text of the issued form; empty for any other text (a static token, say). */
    public static Optional<String> idOf(String token) {
        var matcher = FORM.matcher(token);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public static String secretName(String id) {
        return NAME_PREFIX + id;
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The Secret that keeps this token, whose text is {@code token}. */
    public Secret toSecret(String token) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("token-hash", encode(hash(token)));
        data.put("user", encode(user));
        data.put("uid", encode(uid));
        data.put("groups", encode(String.join(",", groups)));
        expires.ifPresent(at -> data.put("expiration", encode(at.toString())));
        data.put("description", encode(description));
        Secret secret = Secret.of(ObjectMeta.named(secretName(id)).withNamespace(NAMESPACE), data);
        return new Secret(secret.apiVersion(), secret.kind(), secret.metadata(), TYPE, secret.data(), null, null);
    }

    /** The token a Secret keeps, with the hash it must match; empty when the Secret is not an issued token. */
    public static Optional<Stored> fromSecret(Secret secret) {
        String name = secret.metadata().name();
        if (!TYPE.equals(secret.type()) || !name.startsWith(NAME_PREFIX)) {
            return Optional.empty();
        }
        Optional<String> hash = text(secret, "token-hash");
        Optional<String> user = text(secret, "user");
        if (hash.isEmpty() || user.isEmpty()) {
            return Optional.empty();
        }
        List<String> groups = text(secret, "groups").filter(g -> !g.isBlank()).map(g -> List.of(g.split(",")))
                .orElse(List.of());
        Optional<Instant> expires;
        try {
            expires = text(secret, "expiration").map(Instant::parse);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        IssuedToken token = new IssuedToken(name.substring(NAME_PREFIX.length()), user.get(),
                text(secret, "uid").orElse(user.get()), groups, expires, text(secret, "description").orElse(""));
        return Optional.of(new Stored(token, hash.get()));
    }

    /** Whether the token has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expires.filter(at -> !now.isBefore(at)).isPresent();
    }

    /** An issued token as kept, with the hash of its text. */
    public record Stored(IssuedToken token, String hash) {
        /** Whether {@code presented} is this token's text, compared in constant time. */
        public boolean matches(String presented) {
            return MessageDigest.isEqual(hash.getBytes(StandardCharsets.UTF_8),
                    IssuedToken.hash(presented).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> text(Secret secret, String key) {
        try {
            return secret.value(key).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
