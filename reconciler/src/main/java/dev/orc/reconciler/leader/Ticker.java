package dev.orc.reconciler.leader;

/** A monotonic clock in nanoseconds: a wall-clock jump neither ends nor stretches a term. */
@FunctionalInterface
public interface Ticker {
    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
