package dev.orc.reconciler.store;

/** A lease named by a write or a keep-alive does not exist: it expired, was revoked, or never was. */
public class LeaseNotFoundException extends StoreException {
    public LeaseNotFoundException(long lease) {
        super("lease " + lease + " not found (it expired, was revoked, or never existed)");
    }
}
