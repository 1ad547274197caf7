package dev.orc.reconciler.services;

import dev.orc.reconciler.store.KeyExistsException;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.KeyNotFoundException;
import dev.orc.reconciler.store.RevisionConflictException;
import dev.orc.reconciler.store.Store;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who holds each value of a range, one store key per value ({@code <prefix><value>}, holding the owner's
 * {@code namespace/name}). A claim is a create-if-absent, so servers sharing one store never hand out the same
 * value twice.
 */
final class StoreClaims {
    private final Store store;
    private final String prefix;

    StoreClaims(Store store, String prefix) {
        this.store = store;
        this.prefix = prefix;
    }

    /** The outcome of a claim: a value this claim took, one the owner already held, or one someone else holds. */
    enum Claim {
        CLAIMED, ALREADY_HELD, TAKEN;

        boolean held() {
            return this != TAKEN;
        }
    }

    /** Claims {@code value} for {@code owner}. */
    Claim claim(String value, String owner) {
        try {
            store.create(prefix + value, owner.getBytes(StandardCharsets.UTF_8), 0);
            return Claim.CLAIMED;
        } catch (KeyExistsException exists) {
            return owner(value).filter(owner::equals).isPresent() ? Claim.ALREADY_HELD : Claim.TAKEN;
        }
    }

    Optional<String> owner(String value) {
        return store.get(prefix + value).map(kv -> new String(kv.value(), StandardCharsets.UTF_8));
    }

    /**
     * Gives {@code value} back if {@code owner} holds it; a value held by someone else is left alone, and one freed
     * meanwhile (by the repair, or a second deletion of its Service in a namespace's cascade) is free as asked.
     */
    void release(String value, String owner) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<KeyValue> current = store.get(prefix + value);
            if (current.isEmpty() || !owner.equals(new String(current.get().value(), StandardCharsets.UTF_8))) {
                return;
            }
            try {
                store.delete(prefix + value, current.get().modRevision());
                return;
            } catch (KeyNotFoundException releasedMeanwhile) {
                return;
            } catch (RevisionConflictException changedMeanwhile) {
                continue;
            }
        }
    }

    /** Every claimed value. */
    Set<String> claimed() {
        return owners().keySet();
    }

    /** Every claimed value and who holds it, read at one revision. */
    Map<String, String> owners() {
        Map<String, String> owners = new HashMap<>();
        store.scan(prefix, 1000, kv -> owners.put(kv.key().substring(prefix.length()), new String(kv.value(), StandardCharsets.UTF_8)));
        return owners;
    }
}
