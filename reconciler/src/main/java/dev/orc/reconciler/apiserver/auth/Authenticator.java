package dev.orc.reconciler.apiserver.auth;

import java.util.Optional;

/** Who a request's {@code Authorization} header says it comes from, if the credential is known. */
@FunctionalInterface
public interface Authenticator {
    Optional<UserInfo> authenticate(String authorizationHeader);

    /** The first of {@code this} and {@code next} that knows the credential. */
    default Authenticator or(Authenticator next) {
        return header -> authenticate(header).or(() -> next.authenticate(header));
    }
}
