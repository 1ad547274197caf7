package dev.orc.api.nodeaccess;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The credential the API server presents to a node's log and stats endpoints instead of the caller's token: one
 * request (a node, a path with its query) until a moment, signed with the server's key (the cluster CA's), which
 * the node checks with the CA certificate it already trusts. An endpoint that receives it learns no user's token,
 * and can replay it only to the same node, for the same request, for {@link #LIFETIME}.
 */
public record NodeRequestToken(String node, String pathAndQuery, Instant expires) {
    /** How long a signed request stays valid: enough to cross a network, too short to be worth keeping. */
    public static final Duration LIFETIME = Duration.ofSeconds(30);
    private static final String ALGORITHM = "SHA256withECDSA";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** A token for {@code pathAndQuery} on {@code node}, valid from {@code now} for {@link #LIFETIME}. */
    public static NodeRequestToken of(String node, String pathAndQuery, Instant now) {
        return new NodeRequestToken(node, pathAndQuery, now.plus(LIFETIME));
    }

    /** The token as sent in {@code Authorization: Bearer ...}: payload and signature, base64url, joined by a dot. */
    public String sign(PrivateKey key) {
        byte[] payload = payload().getBytes(StandardCharsets.UTF_8);
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(payload);
            return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a request to node " + node + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code presented} (a bearer token) was signed with {@code key} for exactly this node and request and has
     * not expired at {@code now}.
     */
    public static boolean verify(PublicKey key, String presented, String node, String pathAndQuery, Instant now) {
        return parse(key, presented).filter(token -> token.node().equals(node)
                && token.pathAndQuery().equals(pathAndQuery) && now.isBefore(token.expires())).isPresent();
    }

    private static Optional<NodeRequestToken> parse(PublicKey key, String presented) {
        int dot = presented.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(presented.substring(0, dot));
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(payload);
            if (!signature.verify(DECODER.decode(presented.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] fields = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
            return fields.length == 3
                    ? Optional.of(new NodeRequestToken(fields[0], fields[1], Instant.ofEpochSecond(Long.parseLong(fields[2]))))
                    : Optional.empty();
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private String payload() {
        return node + "\n" + pathAndQuery + "\n" + expires.getEpochSecond();
    }
}
