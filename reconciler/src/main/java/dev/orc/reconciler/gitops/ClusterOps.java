package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a sync needs of the cluster, through the API: read, dry-run, apply and delete one object. */
public interface ClusterOps {
    Optional<ObjectNode> get(ManagedRef ref);

    /** The live objects of those refs that exist, by ref; an implementation may read them in fewer requests. */
    default Map<ManagedRef, ObjectNode> getAll(Collection<ManagedRef> refs) {
        Map<ManagedRef, ObjectNode> live = new HashMap<>();
        for (ManagedRef ref : refs) {
            get(ref).ifPresent(object -> live.put(ref, object));
        }
        return live;
    }

    /** The server's objections to the action (empty when it would succeed); nothing is changed. */
    List<String> dryRun(SyncAction action);

    /** Creates or patches the object as the action says; throws with the server's message when refused. */
    void apply(SyncAction action) throws ApplyException;

    void delete(ManagedRef ref) throws ApplyException;

    /** The server refused one object. */
    final class ApplyException extends Exception {
        public ApplyException(String message) {
            super(message);
        }
    }
}
