package dev.orc.reconciler.apiserver.ui;

import dev.orc.reconciler.apiserver.auth.UserInfo;
import dev.orc.reconciler.testing.ManualClock;
import dev.orc.api.auth.IssuedToken;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.ListOptions;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoginCodesTest {
    private static final UserInfo ADMIN = new UserInfo("admin", "admin", List.of(UserInfo.MASTERS));

    private final ManualClock clock = new ManualClock();
    private Store store;
    private LoginCodes codes;

    @BeforeEach
    void open(@TempDir Path dir) {
        store = SqliteStore.open(dir);
        codes = new LoginCodes(store, clock, new SecureRandom());
    }

    @AfterEach
    void close() {
        store.close();
    }

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
    void aCodePrintedByOneServerLogsInThroughAnotherOnceAndIsKeptOnlyAsItsHash() {
        String code = codes.issue(ADMIN);
        LoginCodes otherServer = new LoginCodes(store, clock, new SecureRandom());

        assertThat(otherServer.redeem(code)).contains(ADMIN);
        assertThat(codes.redeem(code)).isEmpty();
        String next = codes.issue(ADMIN);
        assertThat(store.list(LoginCodes.PREFIX, ListOptions.all()).items()).extracting(KeyValue::key)
                .containsExactly(LoginCodes.PREFIX + IssuedToken.hash(next));
        assertThat(new String(store.get(LoginCodes.PREFIX + IssuedToken.hash(next)).orElseThrow().value(),
                StandardCharsets.UTF_8)).doesNotContain(next);
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
