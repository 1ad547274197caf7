package dev.orc.reconciler.apiserver.ui;

import dev.orc.reconciler.apiserver.auth.UserInfo;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class LoginCodesTest {
    private static final UserInfo ADMIN = new UserInfo("admin", "admin", List.of(UserInfo.MASTERS));

    private final HandClock clock = new HandClock();
    private final LoginCodes codes = new LoginCodes(clock, new SecureRandom());

    @Test
    void aCodeLogsInOnceAsItsUser() {
        String code = codes.issue(ADMIN);

        assertThat(codes.redeem(code)).contains(ADMIN);
        assertThat(codes.redeem(code)).isEmpty();
    }

    @Test
    void aCodePastItsLifetimeIsRefused() {
        String code = codes.issue(ADMIN);
        clock.advance(LoginCodes.LIFETIME);

        assertThat(codes.redeem(code)).isEmpty();
    }

    @Test
    void aCodeJustInsideItsLifetimeWorks() {
        String code = codes.issue(ADMIN);
        clock.advance(LoginCodes.LIFETIME.minusSeconds(1));

        assertThat(codes.redeem(code)).contains(ADMIN);
    }

    @Test
    void unknownAndEmptyCodesAreRefusedAndCodesDiffer() {
        String code = codes.issue(ADMIN);

        assertThat(codes.issue(ADMIN)).isNotEqualTo(code);
        assertThat(codes.redeem(code + "0")).isEmpty();
        assertThat(codes.redeem("")).isEmpty();
        assertThat(codes.redeem(null)).isEmpty();
    }

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
