package dev.orc.reconciler.store;

/** A compare-and-swap found the key at another modification revision than expected. */
public class RevisionConflictException extends StoreException {
    private final long actualRevision;

    public RevisionConflictException(String key, long expectedRevision, long actualRevision) {
        super("key " + key + " is at revision " + actualRevision + ", not " + expectedRevision);
        this.actualRevision = actualRevision;
    }

    public long actualRevision() {
        return actualRevision;
    }
}
