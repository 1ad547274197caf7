package dev.orc.reconciler.store.encryption;

import dev.orc.reconciler.store.StoreException;

/**
 * A value under an encrypted prefix that is plain text in the backend. orc never writes one, so it was written past
 * orc (straight into etcd or the SQLite file), and reading it as plain text would let whoever can write the store
 * plant a Secret; it is refused instead, as kube-apiserver refuses a value no configured key opened.
 */
public final class UnencryptedValueException extends StoreException {
    public UnencryptedValueException(String key) {
        super("the stored value of " + key + " is not encrypted, though orc encrypts every value of its kind: it was"
                + " written to the store past orc and is refused rather than read as plain text; remove the key from the"
                + " store (etcdctl del " + key + ") and create the object again through the API");
    }
}
