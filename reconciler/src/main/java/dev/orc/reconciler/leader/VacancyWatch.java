package dev.orc.reconciler.leader;

/** A follower's watch for the election key's removal; once it has failed, the follower makes another. */
public interface VacancyWatch extends AutoCloseable {
    /** Whether the watch still delivers. */
    boolean alive();

    @Override
    void close();
}
