package dev.orc.reconciler.store;

/** A fenced write was refused: the fence's key is gone or was recreated, so its holder is no longer the leader. */
public class FencedOffException extends StoreException {
    public FencedOffException(Fence fence, String key) {
        super("write to " + key + " refused: this server is no longer the leader (its election key " + fence.key()
                + " of revision " + fence.createRevision() + " is gone)");
    }
}
