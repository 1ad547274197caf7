package dev.orc.reconciler.leader;

import dev.orc.reconciler.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Campaigns for leadership and keeps it: a follower tries to win every retry period; a leader renews its lease
 * every renew interval, and stops leading (its loops first, then its lease) when the lease is gone or no renewal
 * succeeded within the renew deadline, before the lease can expire in the store. A follower also watches the election
 * key and campaigns as soon as it is removed, so a resignation is taken up at once, not at the next retry. A watchdog checks that deadline
 * on a thread of its own, so a store call that hangs cannot keep a leader leading. {@link #close()} resigns at
 * once: the lease is revoked first, so another server takes over without waiting for it to expire or for these loops
 * to stop (their writes carry the term's fence, which the revocation ends), and then the loops stop.
 */
public final class LeaderElector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElector.class);
    private static final long WATCHDOG_MILLIS = 100;

    private final ElectionBackend backend;
    private final ElectionTiming timing;
    private final LeaderCallbacks callbacks;
    private final Ticker ticker;
    private final Object lock = new Object();
    /** Held while a term begins or ends, so a new term cannot begin while the last one's loops are stopping. */
    private final Object transitions = new Object();
    private ScheduledExecutorService threads;
    private Term term;
    private long renewedAt;
    private boolean closed;
    private VacancyWatch vacancy;

    public LeaderElector(ElectionBackend backend, ElectionTiming timing, LeaderCallbacks callbacks, Ticker ticker) {
        this.backend = backend;
        this.timing = timing;
        this.callbacks = callbacks;
        this.ticker = ticker;
    }

    /** Starts campaigning on a thread of its own, with the deadline watchdog on another. */
    public void start() {
        threads = Executors.newScheduledThreadPool(2, r -> Thread.ofPlatform().daemon().name("orc-leader-election").unstarted(r));
        threads.scheduleWithFixedDelay(this::stepQuietly, 0, timing.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
        threads.scheduleWithFixedDelay(this::checkDeadline, WATCHDOG_MILLIS, WATCHDOG_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The term this server leads, if it leads. */
    public Optional<Term> term() {
        synchronized (lock) {
            return Optional.ofNullable(term);
        }
    }

    /** One step: a follower tries to win; a leader renews when the renew interval has passed since its last renewal. */
    void step() {
        Term held;
        long since;
        synchronized (lock) {
            if (closed) {
                return;
            }
            held = term;
            since = renewedAt;
        }
        if (held == null) {
            watchForVacancy();
            campaign();
        } else if (ticker.nanos() - since >= timing.renewInterval().toNanos()) {
            renew(held);
        }
    }

    private void watchForVacancy() {
        synchronized (lock) {
            if (closed || (vacancy != null && vacancy.alive())) {
                return;
            }
            vacancy = backend.watchVacancy(this::stepSoon);
        }
    }

    private void stepSoon() {
        try {
            threads.execute(this::stepQuietly);
        } catch (RejectedExecutionException closing) {
            // the elector is closing: nothing to campaign for
        }
    }

    private void campaign() {
        synchronized (transitions) {
            long started = ticker.nanos();
            Optional<Term> won = backend.tryAcquire();
            if (won.isEmpty()) {
                return;
            }
            synchronized (lock) {
                if (!closed) {
                    term = won.get();
                    renewedAt = started;
                }
            }
            if (term().filter(won.get()::equals).isEmpty()) {
                backend.resign(won.get());
                return;
            }
            LOG.info("{} became the leader (epoch {})", won.get().identity(), won.get().epoch());
            callbacks.startedLeading(won.get());
        }
    }

    private void renew(Term held) {
        long started = ticker.nanos();
        if (!backend.renew(held)) {
            stepDown(held, "its lease is gone");
            return;
        }
        synchronized (lock) {
            if (term != held) {
                return;
            }
            renewedAt = started;
        }
        callbacks.renewed(held);
    }

    /** Stops leading when the last successful renewal began longer than the renew deadline ago. */
    void checkDeadline() {
        Term held;
        synchronized (lock) {
            if (term == null || ticker.nanos() - renewedAt < timing.renewDeadline().toNanos()) {
                return;
            }
            held = term;
        }
        stepDown(held, "no renewal succeeded within " + timing.renewDeadline().toMillis() + " ms");
    }

    private void stepDown(Term held, String why) {
        synchronized (transitions) {
            synchronized (lock) {
                if (term != held) {
                    return;
                }
                term = null;
            }
            LOG.warn("{} stops leading (epoch {}): {}", held.identity(), held.epoch(), why);
            end(held);
        }
    }

    private void end(Term held) {
        callbacks.stoppedLeading(held);
        resign(held);
    }

    private void resign(Term held) {
        try {
            backend.resign(held);
        } catch (StoreException e) {
            LOG.warn("could not revoke the lease of epoch {}; it expires on its own: {}", held.epoch(), e.getMessage());
        }
    }

    private void stepQuietly() {
        try {
            step();
        } catch (StoreException e) {
            LOG.debug("leader election step failed: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("leader election step failed", e);
        }
    }

    /** Resigns: revokes the lease, stops the loops, and campaigns no more. */
    @Override
    public void close() {
        Term held;
        synchronized (lock) {
            closed = true;
            held = term;
            term = null;
            if (vacancy != null) {
                vacancy.close();
            }
        }
        if (threads != null) {
            threads.shutdownNow();
        }
        if (held != null) {
            long started = System.nanoTime();
            synchronized (transitions) {
                resign(held);
                long resigned = System.nanoTime();
                callbacks.stoppedLeading(held);
                LOG.info("{} resigned (epoch {}) in {} ms; its loops stopped {} ms later", held.identity(), held.epoch(),
                        (resigned - started) / 1_000_000, (System.nanoTime() - resigned) / 1_000_000);
            }
        }
    }
}
