package dev.orc.reconciler.leader;

import dev.orc.reconciler.store.StoreException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The election's state machine, stepped by hand on a fake ticker over a scripted backend. */
class LeaderElectorTest {
    private static final ElectionTiming TIMING = ElectionTiming.ofLease(Duration.ofSeconds(4));

    private final FakeBackend backend = new FakeBackend();
    private final Recorded callbacks = new Recorded();
    private long nanos;
    private final LeaderElector elector = new LeaderElector(backend, TIMING, callbacks, () -> nanos);

    @Test
    void aFollowerWinsWhenNobodyHoldsTheKeyAndStartsLeading() {
        elector.step();

        assertThat(elector.term()).contains(backend.term(1));
        assertThat(callbacks.calls).containsExactly("started 1");
    }

    @Test
    void aFollowerStaysAFollowerWhileAnotherServerHoldsTheKey() {
        backend.heldByOther = true;

        elector.step();
        elector.checkDeadline();

        assertThat(elector.term()).isEmpty();
        assertThat(callbacks.calls).isEmpty();
    }

    @Test
    void aFollowerKeepsOneVacancyWatchAndMakesAnotherWhenItFails() {
        backend.heldByOther = true;

        elector.step();
        elector.step();
        assertThat(backend.vacancyWatches).hasSize(1);

        backend.vacancyWatches.getFirst().alive = false;
        elector.step();

        assertThat(backend.vacancyWatches).hasSize(2);
        elector.close();
        assertThat(backend.vacancyWatches.getLast().alive).isFalse();
    }

    @Test
    void closingRevokesTheLeaseBeforeTheLoopsStopSoASuccessorNeedNotWaitForThem() {
        List<List<Long>> resignedWhenLoopsStopped = new ArrayList<>();
        LeaderElector resigning = new LeaderElector(backend, TIMING, new LeaderCallbacks() {
            @Override
            public void startedLeading(Term term) {
            }

            @Override
            public void stoppedLeading(Term term) {
                resignedWhenLoopsStopped.add(List.copyOf(backend.resigned));
            }
        }, () -> nanos);
        resigning.step();

        resigning.close();

        assertThat(resignedWhenLoopsStopped).containsExactly(List.of(1L));
        assertThat(resigning.term()).isEmpty();
    }

    @Test
    void aLeaderRenewsOnlyOnceTheRenewIntervalHasPassed() {
        elector.step();
        advance(TIMING.renewInterval().minusMillis(1));
        elector.step();
        assertThat(backend.renewals).isZero();

        advance(Duration.ofMillis(1));
        elector.step();

        assertThat(backend.renewals).isEqualTo(1);
        assertThat(callbacks.calls).containsExactly("started 1", "renewed 1");
    }

    @Test
    void aLeaderWhoseLeaseIsGoneStopsItsLoopsAndCampaignsAgain() {
        elector.step();
        backend.lost = true;
        advance(TIMING.renewInterval());

        elector.step();

        assertThat(elector.term()).isEmpty();
        assertThat(callbacks.calls).containsExactly("started 1", "stopped 1");
        backend.lost = false;
        elector.step();
        assertThat(elector.term()).contains(backend.term(2));
    }

    @Test
    void aFailedRenewalWithinTheDeadlineKeepsLeading() {
        elector.step();
        backend.unreachable = true;
        advance(TIMING.renewInterval());

        assertThatThrownBy(elector::step).isInstanceOf(StoreException.class);
        elector.checkDeadline();

        assertThat(elector.term()).contains(backend.term(1));
        backend.unreachable = false;
        elector.step();
        advance(TIMING.renewDeadline().minus(TIMING.renewInterval()));
        elector.checkDeadline();
        assertThat(elector.term()).contains(backend.term(1));
    }

    @Test
    void aLeaderThatCannotRenewStopsAtTheDeadlineBeforeItsLeaseCanExpire() {
        elector.step();
        backend.unreachable = true;
        advance(TIMING.renewDeadline().minusMillis(1));
        elector.checkDeadline();
        assertThat(elector.term()).isPresent();

        advance(Duration.ofMillis(1));
        elector.checkDeadline();

        assertThat(elector.term()).isEmpty();
        assertThat(callbacks.calls).containsExactly("started 1", "stopped 1");
        assertThat(TIMING.renewDeadline()).isLessThan(TIMING.leaseDuration());
    }

    @Test
    void theDeadlineCountsFromTheStartOfTheLastSuccessfulRenewal() {
        elector.step();
        advance(TIMING.renewInterval());
        backend.renewTakes = TIMING.renewInterval();
        elector.step();

        advance(TIMING.renewDeadline().minus(TIMING.renewInterval()));
        elector.checkDeadline();

        assertThat(elector.term()).isEmpty();
    }

    @Test
    void closingResignsAtOnceAndCampaignsNoMore() {
        elector.step();

        elector.close();
        elector.step();

        assertThat(callbacks.calls).containsExactly("started 1", "stopped 1");
        assertThat(backend.resigned).containsExactly(1L);
        assertThat(backend.acquisitions).isEqualTo(1);
    }

    @Test
    void aFollowerThatIsClosedResignsNothing() {
        backend.heldByOther = true;
        elector.step();

        elector.close();

        assertThat(backend.resigned).isEmpty();
        assertThat(callbacks.calls).isEmpty();
    }

    @Test
    void timingsOutOfOrderAreRefusedWithTheValues() {
        assertThatThrownBy(() -> new ElectionTiming(Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT3S, PT2S, PT4S");
        assertThatThrownBy(() -> ElectionTiming.ofLease(Duration.ofSeconds(1)))
                .hasMessageContaining("at least 2s");
    }

    private void advance(Duration by) {
        nanos += by.toNanos();
    }

    private final class FakeBackend implements ElectionBackend {
        boolean heldByOther;
        boolean lost;
        boolean unreachable;
        Duration renewTakes = Duration.ZERO;
        int acquisitions;
        int renewals;
        final List<Long> resigned = new ArrayList<>();
        final List<FakeVacancyWatch> vacancyWatches = new ArrayList<>();

        Term term(long epoch) {
            return new Term("/orc/election/test", "me", 100 + epoch, epoch);
        }

        @Override
        public Optional<Term> tryAcquire() {
            if (heldByOther) {
                return Optional.empty();
            }
            acquisitions++;
            return Optional.of(term(acquisitions));
        }

        @Override
        public boolean renew(Term term) {
            if (unreachable) {
                throw new StoreException("etcd does not answer");
            }
            advance(renewTakes);
            renewals++;
            return !lost;
        }

        @Override
        public void resign(Term term) {
            resigned.add(term.epoch());
        }

        @Override
        public VacancyWatch watchVacancy(Runnable onVacant) {
            FakeVacancyWatch watch = new FakeVacancyWatch();
            vacancyWatches.add(watch);
            return watch;
        }
    }

    private static final class FakeVacancyWatch implements VacancyWatch {
        boolean alive = true;

        @Override
        public boolean alive() {
            return alive;
        }

        @Override
        public void close() {
            alive = false;
        }
    }

    private static final class Recorded implements LeaderCallbacks {
        final List<String> calls = new ArrayList<>();

        @Override
        public void startedLeading(Term term) {
            calls.add("started " + term.epoch());
        }

        @Override
        public void renewed(Term term) {
            calls.add("renewed " + term.epoch());
        }

        @Override
        public void stoppedLeading(Term term) {
            calls.add("stopped " + term.epoch());
        }
    }
}
