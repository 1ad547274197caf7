package dev.orc.node.net;

import dev.orc.api.wait.Backoff;
import org.slf4j.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The accept or receive loop of a listener (a proxied port, a NodePort, cluster DNS): it runs one step after
 * another until the listener is stopped. An I/O error while it is open (too many open files, no buffer space) is
 * one warning per streak and a retry after a back-off, never the silent end of the listener; the streak's end is
 * logged too.
 */
public final class ServeLoop {
    static final Backoff RETRY = Backoff.exponential(Duration.ofMillis(50), Duration.ofSeconds(2));

    /** One accept or receive, and handing on what it got. */
    @FunctionalInterface
    public interface Step {
        void run() throws IOException;
    }

    private ServeLoop() {
    }

    /** Runs {@code step} until {@code stopped} says so; returns then, or when the thread is interrupted. */
    public static void run(String name, Logger log, BooleanSupplier stopped, Step step) {
        Backoff.Failures failures = RETRY.failures();
        while (!stopped.getAsBoolean()) {
            try {
                step.run();
                if (failures.count() > 0) {
                    log.info("{}: serving again after {} failed attempts", name, failures.count());
                    failures.reset();
                }
            } catch (IOException e) {
                if (stopped.getAsBoolean()) {
                    return;
                }
                Duration wait = failures.next();
                if (failures.count() == 1) {
                    log.warn("{}: {}; retrying until it works", name, e.getMessage());
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
