package dev.orc.reconciler.apiserver.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.auth.IssuedToken;
import dev.orc.api.json.Json;
import dev.orc.reconciler.apiserver.auth.UserInfo;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.Store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One-time login codes, as Jupyter prints them: {@code orc up} and {@code orc ui} get one for a user, the dashboard
 * exchanges it once for a session. A code is kept only as its hash, in the store (so a link printed by one server
 * logs in through any server of the cluster, and survives a restart), on a lease that removes it after its
 * lifetime; it is refused once redeemed (the store's delete hands it to one redeemer only) or past its lifetime.
 */
public final class LoginCodes {
    /** How long a printed link stays usable. */
    public static final Duration LIFETIME = Duration.ofMinutes(30);
    static final String PREFIX = "/orc/ui/login-codes/";

    private final Store store;
    private final Clock clock;
    private final RandomGenerator random;

    public LoginCodes(Store store, Clock clock, RandomGenerator random) {
        this.store = store;
        this.clock = clock;
        this.random = random;
    }

    /** A fresh code acting as {@code user}. */
    public String issue(UserInfo user) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String code = HexFormat.of().formatHex(bytes);
        ObjectNode pending = Json.object().put("name", user.name()).put("uid", user.uid())
                .put("expires", clock.instant().plus(LIFETIME).toString());
        user.groups().forEach(pending.putArray("groups")::add);
        store.create(key(code), Json.bytes(pending), store.grantLease(LIFETIME.plusMinutes(1)));
        return code;
    }

    /** The user of {@code code} if it is known and unexpired; the code is spent either way. */
    public Optional<UserInfo> redeem(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return store.delete(key(code.trim()), 0).flatMap(this::unexpiredUser);
    }

    private Optional<UserInfo> unexpiredUser(KeyValue spent) {
        JsonNode pending = Json.parse(spent.value());
        try {
            if (!clock.instant().isBefore(Instant.parse(pending.path("expires").asText()))) {
                return Optional.empty();
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        List<String> groups = new ArrayList<>();
        pending.path("groups").forEach(group -> groups.add(group.asText()));
        return Optional.of(new UserInfo(pending.path("name").asText(), pending.path("uid").asText(), groups));
    }

    private static String key(String code) {
        return PREFIX + IssuedToken.hash(code);
    }
}
