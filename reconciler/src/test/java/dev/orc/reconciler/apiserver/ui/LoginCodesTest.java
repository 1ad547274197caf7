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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class LoginCodesTest {
    private static final UserInfo ADMIN = new UserInfo("admin", "admin", List.of(UserInfo.MASTERS));
    private static final String EXCHANGE = "3f1c0e9a5b7d2468ace013579bdf2468";

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

        assertThat(codes.redeem(code, "").map(LoginCodes.Redemption::user)).contains(ADMIN);
        assertThat(codes.redeem(code, "")).isEmpty();
        assertThat(codes.redeem(code, EXCHANGE)).isEmpty();
    }

    @Test
    void theSameExchangeSentAgainWithinTheGraceLogsInAgainAndNoOtherUseDoes() {
        String code = codes.issue(ADMIN);

        assertThat(codes.redeem(code, EXCHANGE).map(LoginCodes.Redemption::user)).contains(ADMIN);
        clock.advance(LoginCodes.RESEND_GRACE.minusSeconds(1));
        assertThat(codes.redeem(code, EXCHANGE).map(LoginCodes.Redemption::user)).contains(ADMIN);
        assertThat(codes.redeem(code, EXCHANGE + "0")).isEmpty();
        assertThat(codes.redeem(code, "")).isEmpty();
    }

    @Test
    void aResendNamesTheSessionTheFirstExchangeOpenedSoThatItCanBeEndedAndTheCodeKeepsItsLease() {
        String code = codes.issue(ADMIN);
        assertThat(codes.redeem(code, EXCHANGE).orElseThrow().replacedSession()).isEmpty();
        long lease = store.get(LoginCodes.PREFIX + IssuedToken.hash(code)).orElseThrow().lease();

        codes.opened(code, "first-session-id");

        assertThat(codes.redeem(code, EXCHANGE).orElseThrow().replacedSession()).contains("first-session-id");
        assertThat(codes.redeem(code, EXCHANGE + "0")).isEmpty();
        assertThat(store.get(LoginCodes.PREFIX + IssuedToken.hash(code)).orElseThrow().lease()).isEqualTo(lease);
    }

    @Test
    void theSameExchangeSentAgainAfterTheGraceIsRefused() {
        String code = codes.issue(ADMIN);
        codes.redeem(code, EXCHANGE);

        clock.advance(LoginCodes.RESEND_GRACE);

        assertThat(codes.redeem(code, EXCHANGE)).isEmpty();
    }

    @Test
    void aCodeSpentByTwoServersAtOnceLogsInOneExchangeOnly() throws Exception {
        String code = codes.issue(ADMIN);
        LoginCodes otherServer = new LoginCodes(store, clock, new SecureRandom());
        List<Callable<Optional<LoginCodes.Redemption>>> exchanges = List.of(() -> codes.redeem(code, EXCHANGE),
                () -> otherServer.redeem(code, EXCHANGE + "0"));

        try (ExecutorService both = Executors.newFixedThreadPool(2)) {
            List<Optional<LoginCodes.Redemption>> users = new ArrayList<>();
            for (Future<Optional<LoginCodes.Redemption>> user : both.invokeAll(exchanges)) {
                users.add(user.get());
            }
            assertThat(users).filteredOn(Optional::isPresent).hasSize(1);
        }
    }

    @Test
    void aCodePastItsLifetimeIsRefused() {
        String code = codes.issue(ADMIN);
        clock.advance(LoginCodes.LIFETIME);

        assertThat(codes.redeem(code, EXCHANGE)).isEmpty();
    }

    @Test
    void aCodeJustInsideItsLifetimeWorks() {
        String code = codes.issue(ADMIN);
        clock.advance(LoginCodes.LIFETIME.minusSeconds(1));

        assertThat(codes.redeem(code, EXCHANGE).map(LoginCodes.Redemption::user)).contains(ADMIN);
    }

    @Test
    void aCodePrintedByOneServerLogsInThroughAnotherOnceAndIsKeptOnlyAsItsHash() {
        String code = codes.issue(ADMIN);
        LoginCodes otherServer = new LoginCodes(store, clock, new SecureRandom());

        assertThat(otherServer.redeem(code, EXCHANGE).map(LoginCodes.Redemption::user)).contains(ADMIN);
        assertThat(codes.redeem(code, "")).isEmpty();
        String next = codes.issue(ADMIN);
        assertThat(store.list(LoginCodes.PREFIX, ListOptions.all()).items()).extracting(KeyValue::key)
                .containsExactlyInAnyOrder(LoginCodes.PREFIX + IssuedToken.hash(code),
                        LoginCodes.PREFIX + IssuedToken.hash(next));
        assertThat(store.list(LoginCodes.PREFIX, ListOptions.all()).items())
                .extracting(stored -> new String(stored.value(), StandardCharsets.UTF_8))
                .noneMatch(value -> value.contains(code) || value.contains(next) || value.contains(EXCHANGE));
    }

    @Test
    void unknownAndEmptyCodesAreRefusedAndCodesDiffer() {
        String code = codes.issue(ADMIN);

        assertThat(codes.issue(ADMIN)).isNotEqualTo(code);
        assertThat(codes.redeem(code + "0", EXCHANGE)).isEmpty();
        assertThat(codes.redeem("", EXCHANGE)).isEmpty();
        assertThat(codes.redeem(null, EXCHANGE)).isEmpty();
    }

    /** A clock the test moves by hand. */
}
