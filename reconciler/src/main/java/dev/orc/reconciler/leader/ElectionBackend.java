package dev.orc.reconciler.leader;

import java.util.Optional;

/** Where the election is held. Calls may fail with a {@code StoreException} when the store does not answer. */
public interface ElectionBackend {
    /** Wins a term when nobody holds the election key; empty when another server does. */
    Optional<Term> tryAcquire();

    /** Renews the term's lease; false when the term is over (the lease or the key is gone). */
    boolean renew(Term term);

    /** Ends the term at once, so another server can win without waiting for the lease to expire. */
    void resign(Term term);

    /**
     * Calls {@code onVacant} whenever the election key is removed (its holder resigned or its lease expired), so a
     * follower campaigns at once rather than at its next retry.
     */
    VacancyWatch watchVacancy(Runnable onVacant);
}
