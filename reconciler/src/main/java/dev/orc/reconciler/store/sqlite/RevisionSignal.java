package dev.orc.reconciler.store.sqlite;

/** The latest committed revision, which watches wait on instead of polling in a tight loop. */
final class RevisionSignal {
    private long revision;
    private boolean closed;

    RevisionSignal(long revision) {
        this.revision = revision;
    }

    synchronized void publish(long newRevision) {
        revision = Math.max(revision, newRevision);
        notifyAll();
    }

    synchronized long current() {
        return revision;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Waits until a revision past {@code seen} is published, the signal closes or the timeout passes. */
    synchronized void awaitAfter(long seen, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        long remaining = timeoutMillis;
        while (revision <= seen && !closed && remaining > 0) {
            wait(remaining);
            remaining = (deadline - System.nanoTime()) / 1_000_000L;
        }
    }
}
