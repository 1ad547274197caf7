package dev.orc.node.logs;

import dev.orc.api.nodeaccess.NodeRequestToken;

import java.security.PublicKey;
import java.time.Clock;
import java.util.Optional;

/**
 * Who may read this node's log and stats endpoints: the API server alone, by a {@link NodeRequestToken} signed for
 * this node and the exact request, checked with the server's public key (the cluster CA's). A user's token is never
 * accepted here: the server does not forward it. Without a key every request is refused.
 */
public record ServerRequests(Optional<PublicKey> serverKey, String node, Clock clock) {

    /** Whether the {@code Authorization} header carries the server's signature of this request. */
    public boolean permits(String authorization, String pathAndQuery) {
        if (serverKey.isEmpty() || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return NodeRequestToken.verify(serverKey.get(), authorization.substring(7).trim(), node, pathAndQuery,
                clock.instant());
    }
}
