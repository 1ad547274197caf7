package dev.orc.api.nodeaccess;

import dev.orc.api.auth.SignedText;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
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

    /** A token for {@code pathAndQuery} on {@code node}, valid from {@code now} for {@link #LIFETIME}. */
    public static NodeRequestToken of(String node, String pathAndQuery, Instant now) {
        return new NodeRequestToken(node, pathAndQuery, now.plus(LIFETIME));
    }

    /** The token as sent in {@code Authorization: Bearer ...}: payload and signature ({@link SignedText}). */
    public String sign(PrivateKey key) {
        return SignedText.sign(key, payload());
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
        return SignedText.verify(key, presented).flatMap(text -> {
            String[] fields = text.split("\n", -1);
            try {
                return fields.length == 3 ? Optional.of(new NodeRequestToken(fields[0], fields[1],
                        Instant.ofEpochSecond(Long.parseLong(fields[2])))) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private String payload() {
        return node + "\n" + pathAndQuery + "\n" + expires.getEpochSecond();
    }
}
