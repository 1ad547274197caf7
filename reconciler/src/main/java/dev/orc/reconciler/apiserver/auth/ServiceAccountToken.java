package dev.orc.reconciler.apiserver.auth;

import dev.orc.api.auth.SignedText;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A bound service-account token, as a TokenRequest answers it: who (the account's namespace, name and uid), bound to
 * which pod (name and uid; empty when bound to none), until when, signed with the cluster CA's key
 * ({@link SignedText}), so every server of the cluster can verify it without a lookup of the token. It authenticates
 * only while its account and pod exist with those uids ({@link ServiceAccountTokens}), so deleting either revokes it.
 */
public record ServiceAccountToken(String namespace, String account, String accountUid, String pod, String podUid,
                                  Instant expires) {
    /** Kubernetes' default {@code expirationSeconds} of a TokenRequest, and the shortest it accepts. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    public static final Duration MIN_LIFETIME = Duration.ofMinutes(10);
    public static final Duration MAX_LIFETIME = Duration.ofDays(2);
    public static final String USER_PREFIX = "system:serviceaccount:";
    public static final String ALL_GROUP = "system:serviceaccounts";
    private static final String TAG = "orc/serviceaccount-token/v1";
    private static final int FIELDS = 7;

    /** The user the token authenticates as, as Kubernetes names service accounts. */
    public UserInfo user() {
        return new UserInfo(USER_PREFIX + namespace + ":" + account, accountUid,
                List.of(ALL_GROUP, ALL_GROUP + ":" + namespace, UserInfo.AUTHENTICATED));
    }

    public boolean boundToPod() {
        return !pod.isEmpty();
    }

    public String sign(PrivateKey key) {
        return SignedText.sign(key, String.join("\n", TAG, namespace, account, accountUid, pod, podUid,
                Long.toString(expires.getEpochSecond())));
    }

    /** The token {@code presented} is, if {@code key} signed it as a service-account token; expiry is not checked. */
    public static Optional<ServiceAccountToken> verify(PublicKey key, String presented) {
        return SignedText.verify(key, presented).flatMap(text -> {
            String[] fields = text.split("\n", -1);
            if (fields.length != FIELDS || !TAG.equals(fields[0])) {
                return Optional.empty();
            }
            try {
                return Optional.of(new ServiceAccountToken(fields[1], fields[2], fields[3], fields[4], fields[5],
                        Instant.ofEpochSecond(Long.parseLong(fields[6]))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
