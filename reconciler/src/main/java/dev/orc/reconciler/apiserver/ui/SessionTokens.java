package dev.orc.reconciler.apiserver.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.auth.IssuedToken;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Secret;
import dev.orc.reconciler.apiserver.auth.UserInfo;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.Deletion;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The tokens behind sessions opened with a login link: issued tokens (as {@code orc token create} makes them) of the
 * link's user, expiring with the session, so that every server knows them, a restart keeps them, RBAC judges them and
 * {@code orc token revoke} ends them. Logging out revokes them.
 */
public final class SessionTokens {
    static final String DESCRIPTION = "dashboard session";

    private final ObjectRegistry registry;
    private final Deletion deletion;
    private final Clock clock;
    private final RandomGenerator random;

    public SessionTokens(ObjectRegistry registry, Deletion deletion, Clock clock, RandomGenerator random) {
        this.registry = registry;
        this.deletion = deletion;
        this.clock = clock;
        this.random = random;
    }

    /** A new token acting as {@code user} for one session's lifetime. */
    public String mint(UserInfo user) {
        String text = IssuedToken.generate(random);
        String id = IssuedToken.idOf(text).orElseThrow();
        IssuedToken token = new IssuedToken(id, user.name(), user.uid(),
                user.groups().stream().filter(group -> !group.equals(UserInfo.AUTHENTICATED)).toList(),
                Optional.of(clock.instant().plus(Sessions.LIFETIME)), DESCRIPTION);
        registry.create(ResourceTypes.SECRET, IssuedToken.NAMESPACE, (ObjectNode) Json.tree(token.toSecret(text)), false);
        return text;
    }

    /** Revokes {@code text} if it is a session token this class minted; any other token is left alone. */
    public void revoke(String text) {
        IssuedToken.idOf(text).ifPresent(id -> revokeIf(id, stored -> stored.matches(text)));
    }

    /**
     * Revokes the session token whose id is {@code id} if this class minted it: the session a resent login replaced,
     * whose token no browser received.
     */
    public void revokeId(String id) {
        revokeIf(id, stored -> true);
    }

    private void revokeIf(String id, Predicate<IssuedToken.Stored> owned) {
        String name = IssuedToken.secretName(id);
        try {
            Secret secret = Json.convert(registry.get(ResourceTypes.SECRET, IssuedToken.NAMESPACE, name), Secret.class);
            boolean minted = IssuedToken.fromSecret(secret)
                    .filter(stored -> owned.test(stored) && stored.token().description().equals(DESCRIPTION))
                    .isPresent();
            if (minted) {
                deletion.delete(ResourceTypes.SECRET, IssuedToken.NAMESPACE, name, DeleteOptions.defaults(), false);
            }
        } catch (ApiException.NotFound gone) {
            // revoked already
        }
    }
}
