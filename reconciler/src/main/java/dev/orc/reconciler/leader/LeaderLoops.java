package dev.orc.reconciler.leader;

import dev.orc.api.client.ApiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Function;

/**
 * Runs the leader's work while a term lasts: started on a thread of its own (cache sync may take a while, and the
 * election must keep renewing meanwhile), and stopped, interrupting a start still under way, when the term ends.
 */
public final class LeaderLoops implements LeaderCallbacks {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderLoops.class);

    private final Function<Term, ApiClient> clients;
    private final LeaderWork work;
    private final Duration stopTimeout;
    private final Object lock = new Object();
    private Thread starter;
    private AutoCloseable running;

    public LeaderLoops(Function<Term, ApiClient> clients, LeaderWork work, Duration stopTimeout) {
        this.clients = clients;
        this.work = work;
        this.stopTimeout = stopTimeout;
    }

    @Override
    public void startedLeading(Term term) {
        synchronized (lock) {
            starter = Thread.ofPlatform().name("orc-leader-start-" + term.epoch()).start(() -> run(term));
        }
    }

    private void run(Term term) {
        try {
            AutoCloseable started = work.start(clients.apply(term));
            synchronized (lock) {
                if (starter == Thread.currentThread()) {
                    running = started;
                    return;
                }
            }
            close(started);
        } catch (InterruptedException e) {
            LOG.info("the loops of epoch {} were stopped while starting", term.epoch());
        } catch (Exception e) {
            LOG.error("the loops of epoch {} failed to start: {}", term.epoch(), e.getMessage(), e);
        }
    }

    @Override
    public void stoppedLeading(Term term) {
        Thread starting;
        AutoCloseable started;
        synchronized (lock) {
            starting = starter;
            started = running;
            starter = null;
            running = null;
        }
        if (starting != null) {
            starting.interrupt();
            try {
                starting.join(stopTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (started != null) {
            close(started);
        }
    }

    /** Whether the leader's loops are up (started and not stopped). */
    public boolean running() {
        synchronized (lock) {
            return running != null;
        }
    }

    private static void close(AutoCloseable started) {
        try {
            started.close();
        } catch (Exception e) {
            LOG.warn("stopping the leader's loops failed: {}", e.getMessage());
        }
    }
}
