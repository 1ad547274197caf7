package dev.orc.reconciler.apiserver.http;

import dev.orc.api.status.ApiException;

import java.util.concurrent.Semaphore;

/**
 * The simplest form of Kubernetes' API priority and fairness, as its {@code --max-requests-inflight} and
 * {@code --max-mutating-requests-inflight} had it: at most so many read-only and so many mutating requests are
 * served over HTTP at once, and one more is refused at once with 429 and {@code Retry-After} rather than queued
 * without bound. Watches and followed logs are long-running and not counted; in-process callers (the server's own
 * controllers) never pass through here.
 */
final class InFlightLimit {
    /** Which of the two limits a request counts against. */
    enum Kind {
        READ_ONLY("readOnly"), MUTATING("mutating");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        static Kind of(String method) {
            return switch (method) {
                case "GET", "HEAD", "OPTIONS" -> READ_ONLY;
                default -> MUTATING;
            };
        }
    }

    /** A request being served; closing it frees its place. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final Semaphore readOnly;
    private final Semaphore mutating;
    private final ApiMetrics metrics;

    InFlightLimit(RequestLimits limits, ApiMetrics metrics) {
        this.readOnly = new Semaphore(limits.maxRequestsInFlight());
        this.mutating = new Semaphore(limits.maxMutatingRequestsInFlight());
        this.metrics = metrics;
    }

    /** A place for a request of {@code method}, or 429 when every place of its kind is taken. */
    Permit enter(String method) {
        Kind kind = Kind.of(method);
        Semaphore places = kind == Kind.READ_ONLY ? readOnly : mutating;
        if (!places.tryAcquire()) {
            metrics.requestRejected(kind.label());
            throw new ApiException.TooManyRequests("Too many requests, please try again later.", 1);
        }
        metrics.requestStarted(kind.label());
        return () -> {
            metrics.requestEnded(kind.label());
            places.release();
        };
    }
}
