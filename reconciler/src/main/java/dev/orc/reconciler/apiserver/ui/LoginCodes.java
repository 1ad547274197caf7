package dev.orc.reconciler.apiserver.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.auth.IssuedToken;
import dev.orc.api.json.Json;
import dev.orc.reconciler.apiserver.auth.UserInfo;
import dev.orc.reconciler.store.KeyNotFoundException;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.RevisionConflictException;
import dev.orc.reconciler.store.Store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
 * lifetime; it is refused past its lifetime and once spent, but for one case: the page names each exchange with a
 * secret of its own, and the same exchange sent again within {@link #RESEND_GRACE} logs in again. That is the page
 * sending its request again because the answer was lost on the way (Chromium abandons requests in flight when an
 * address of the machine changes, as Docker changes them), which would otherwise burn the link. Whoever learns the
 * code without that secret cannot use it, and a code spent without one stays spent. The spent code remembers the id
 * of the session it opened ({@link #opened}), so that the session a resend replaces, whose answer no browser got, can
 * be ended.
 */
public final class LoginCodes {
    /** How long a printed link stays usable. */
    public static final Duration LIFETIME = Duration.ofMinutes(30);
    /** How long after a code is spent its exchange, sent again, still logs in. */
    public static final Duration RESEND_GRACE = Duration.ofMinutes(2);
    static final String PREFIX = "/orc/ui/login-codes/";
    /** Reads of a code that another server spent in the same instant, before giving up on it. */
    private static final int CONTENDED_READS = 3;

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

    /** A code redeemed: its user, and for a resend the id of the session the first exchange opened, if known. */
    public record Redemption(UserInfo user, Optional<String> replacedSession) {
    }

    /**
     * The user of {@code code} if it is known, unexpired and unspent, spending it for {@code exchange} (the page's
     * secret for this exchange; blank for none); or if it was spent for this same {@code exchange} less than
     * {@link #RESEND_GRACE} ago, with the session that first exchange opened. Empty otherwise.
     */
    public Optional<Redemption> redeem(String code, String exchange) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String key = key(code.trim());
        String spender = exchange == null || exchange.isBlank() ? "" : IssuedToken.hash(exchange);
        for (int read = 0; read < CONTENDED_READS; read++) {
            Optional<KeyValue> stored = store.get(key);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            ObjectNode pending = (ObjectNode) Json.parse(stored.get().value());
            Instant now = clock.instant();
            if (pending.has("spentAt")) {
                return resentBy(pending, spender, now) ? Optional.of(new Redemption(userOf(pending),
                        Optional.ofNullable(pending.path("session").textValue()))) : Optional.empty();
            }
            if (!now.isBefore(instant(pending, "expires"))) {
                return Optional.empty();
            }
            pending.put("spentAt", now.toString()).put("spentBy", spender);
            try {
                store.update(key, Json.bytes(pending), stored.get().modRevision(),
                        store.grantLease(RESEND_GRACE.plusMinutes(1)));
                return Optional.of(new Redemption(userOf(pending), Optional.empty()));
            } catch (RevisionConflictException e) {
                continue;
            } catch (KeyNotFoundException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Records that spending {@code code} opened the session whose token has the id {@code sessionId}, for a resend of
     * the same exchange to end it. A code gone meanwhile (its grace over) needs nothing recorded.
     */
    public void opened(String code, String sessionId) {
        String key = key(code.trim());
        for (int read = 0; read < CONTENDED_READS; read++) {
            Optional<KeyValue> stored = store.get(key);
            if (stored.isEmpty()) {
                return;
            }
            ObjectNode spent = (ObjectNode) Json.parse(stored.get().value());
            spent.put("session", sessionId);
            try {
                store.update(key, Json.bytes(spent), stored.get().modRevision(), stored.get().lease());
                return;
            } catch (RevisionConflictException e) {
                continue;
            } catch (KeyNotFoundException e) {
                return;
            }
        }
    }

    private static boolean resentBy(JsonNode spent, String spender, Instant now) {
        return !spender.isEmpty()
                && MessageDigest.isEqual(spender.getBytes(StandardCharsets.UTF_8),
                        spent.path("spentBy").asText().getBytes(StandardCharsets.UTF_8))
                && now.isBefore(instant(spent, "spentAt").plus(RESEND_GRACE));
    }

    /** The instant in {@code field}; the distant past when it is missing or unreadable, so that nothing passes. */
    private static Instant instant(JsonNode pending, String field) {
        try {
            return Instant.parse(pending.path(field).asText());
        } catch (DateTimeParseException e) {
            return Instant.MIN;
        }
    }

    private static UserInfo userOf(JsonNode pending) {
        List<String> groups = new ArrayList<>();
        pending.path("groups").forEach(group -> groups.add(group.asText()));
        return new UserInfo(pending.path("name").asText(), pending.path("uid").asText(), groups);
    }

    private static String key(String code) {
        return PREFIX + IssuedToken.hash(code);
    }
}
