package dev.orc.reconciler.store.etcd;

import dev.orc.reconciler.store.Fence;
import dev.orc.reconciler.store.FencedOffException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.orc.reconciler.store.etcd.EtcdCalls.bytes;

/**
 * A write's fence in an etcd transaction: one more comparison (the election key's create revision), and a read
 * of the key in the else branch that tells a refused fence from a conflict on the written key.
 */
final class EtcdFence {
    private EtcdFence() {
    }

    static Cmp[] conditions(Optional<Fence> fence, Cmp... own) {
        List<Cmp> all = new ArrayList<>(List.of(own));
        fence.ifPresent(f -> all.add(new Cmp(bytes(f.key()), Cmp.Op.EQUAL, CmpTarget.createRevision(f.createRevision()))));
        return all.toArray(Cmp[]::new);
    }

    /** The else branch: {@code own} first, then (when fenced) a read of the fence key, last. */
    static Op[] otherwise(Optional<Fence> fence, Op... own) {
        List<Op> all = new ArrayList<>(List.of(own));
        fence.ifPresent(f -> all.add(Op.get(bytes(f.key()), GetOption.builder().withKeysOnly(true).build())));
        return all.toArray(Op[]::new);
    }

    /** Throws {@link FencedOffException} when a failed transaction failed on its fence. */
    static void check(Optional<Fence> fence, TxnResponse failed, String key) {
        if (fence.isEmpty()) {
            return;
        }
        GetResponse read = failed.getGetResponses().getLast();
        boolean held = read.getKvs().stream().anyMatch(kv -> kv.getCreateRevision() == fence.get().createRevision());
        if (!held) {
            throw new FencedOffException(fence.get(), key);
        }
    }
}
