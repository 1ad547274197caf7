package dev.orc.reconciler.store;

/** Receives a watch's events in revision order, on one thread per watch. */
public interface WatchListener {
    void onEvent(WatchEvent event);

    /**
     * The watch ended and delivers nothing more: {@link RevisionCompactedException} when the requested
     * revision is gone, or another {@link StoreException} when the store closed or failed for good.
     */
    void onError(StoreException error);
}
