package dev.orc.reconciler.apiserver.auth;

import dev.orc.api.auth.IssuedToken;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Secret;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tokens {@code orc token create} issued: a bearer token of the form {@code ID.SECRET} is looked up as the Secret
 * {@code kube-system/orc-token-ID} at every request, so a token created or revoked (its Secret deleted) counts at once
 * on every server, and an expired one no longer authenticates. The Secret holds the token's hash, not the token.
 */
public final class StoredTokens implements Authenticator {
    private final ObjectRegistry registry;
    private final Clock clock;

    public StoredTokens(ObjectRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public Optional<UserInfo> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String presented = authorizationHeader.substring(7).trim();
        return IssuedToken.idOf(presented).flatMap(this::stored)
                .filter(stored -> stored.matches(presented) && !stored.token().expiredAt(clock.instant()))
                .map(stored -> {
                    List<String> groups = new ArrayList<>(stored.token().groups());
                    groups.add(UserInfo.AUTHENTICATED);
                    return new UserInfo(stored.token().user(), stored.token().uid(), groups);
                });
    }

    private Optional<IssuedToken.Stored> stored(String id) {
        try {
            Secret secret = Json.convert(registry.get(ResourceTypes.SECRET, IssuedToken.NAMESPACE,
                    IssuedToken.secretName(id)), Secret.class);
            return IssuedToken.fromSecret(secret);
        } catch (ApiException.NotFound e) {
            return Optional.empty();
        }
    }
}
