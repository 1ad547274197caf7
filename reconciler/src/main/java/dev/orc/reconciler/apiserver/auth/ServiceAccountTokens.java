package dev.orc.reconciler.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;

import java.security.PublicKey;
import java.time.Clock;
import java.util.Optional;

/**
 * Authenticates bound service-account tokens ({@link ServiceAccountToken}): signed with the cluster CA's key, not
 * expired, and their ServiceAccount (and pod, when bound to one) still there with the uid the token names, read at
 * every request, so a deleted account or pod ends its tokens at once on every server.
 */
public final class ServiceAccountTokens implements Authenticator {
    private final ObjectRegistry registry;
    private final PublicKey key;
    private final Clock clock;

    public ServiceAccountTokens(ObjectRegistry registry, PublicKey key, Clock clock) {
        this.registry = registry;
        this.key = key;
        this.clock = clock;
    }

    @Override
    public Optional<UserInfo> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return ServiceAccountToken.verify(key, authorizationHeader.substring(7).trim())
                .filter(token -> clock.instant().isBefore(token.expires()))
                .filter(token -> exists(ResourceTypes.SERVICE_ACCOUNT, token.namespace(), token.account(),
                        token.accountUid()))
                .filter(token -> !token.boundToPod()
                        || exists(ResourceTypes.POD, token.namespace(), token.pod(), token.podUid()))
                .map(ServiceAccountToken::user);
    }

    private boolean exists(ResourceType type, String namespace, String name, String uid) {
        try {
            JsonNode object = registry.get(type, namespace, name);
            return uid.equals(object.path("metadata").path("uid").asText());
        } catch (ApiException.NotFound e) {
            return false;
        }
    }
}
