package dev.orc.reconciler.apiserver.ui;

import dev.orc.api.auth.IssuedToken;
import dev.orc.reconciler.apiserver.auth.UserInfo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * One-time login codes, as Jupyter prints them: {@code orc up} and {@code orc ui} get one for a user, the dashboard
 * exchanges it once for a session. A code is kept only as its hash, in this server's memory, and is refused once
 * redeemed or past its lifetime.
 */
public final class LoginCodes {
    /** How long a printed link stays usable. */
    public static final Duration LIFETIME = Duration.ofMinutes(30);

    private final Clock clock;
    private final RandomGenerator random;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(UserInfo user, Instant expires) {
    }

    public LoginCodes(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    /** A fresh code acting as {@code user}; expired codes are forgotten on the way. */
    public String issue(UserInfo user) {
        Instant now = clock.instant();
        pending.values().removeIf(code -> !now.isBefore(code.expires()));
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String code = HexFormat.of().formatHex(bytes);
        pending.put(IssuedToken.hash(code), new Pending(user, now.plus(LIFETIME)));
        return code;
    }

    /** The user of {@code code} if it is known and unexpired; the code is spent either way. */
    public Optional<UserInfo> redeem(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        Pending found = pending.remove(IssuedToken.hash(code.trim()));
        return Optional.ofNullable(found).filter(live -> clock.instant().isBefore(live.expires())).map(Pending::user);
    }
}
