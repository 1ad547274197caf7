package dev.orc.reconciler.store;

/** A list or watch asked for a revision that compaction removed ("too old"; the API answers 410 Gone). */
public class RevisionCompactedException extends StoreException {
    private final long compactedRevision;

    public RevisionCompactedException(long requestedRevision, long compactedRevision) {
        super("revision " + requestedRevision + " has been compacted (oldest available is " + (compactedRevision + 1) + ")");
        this.compactedRevision = compactedRevision;
    }

    public long compactedRevision() {
        return compactedRevision;
    }
}
