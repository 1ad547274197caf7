package dev.orc.reconciler.apiserver.ui;

import dev.orc.reconciler.apiserver.auth.UserInfo;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoginCodesTest {
    private static final UserInfo ADMIN = new UserInfo("admin", "admin", List.of(UserInfo.MASTERS));

    private final ManualClock clock = new ManualClock();
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
}
