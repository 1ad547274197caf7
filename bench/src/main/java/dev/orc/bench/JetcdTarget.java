package dev.orc.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The same operations as {@link StoreTarget}, the plainest way the raw jetcd client does them. */
final class JetcdTarget implements BenchTarget {
    private static final long TIMEOUT_SECONDS = 10;

    private final Client client;
    private final KV kv;

    JetcdTarget(Client client) {
        this.client = client;
        this.kv = client.getKVClient();
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("raw jetcd call failed: " + e, e);
        }
    }

    @Override
    public long create(String key, byte[] value) {
        ByteSequence k = bytes(key);
        TxnResponse r = await(kv.txn().If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT)).commit());
        if (!r.isSucceeded()) {
            throw new IllegalStateException(key + " exists");
        }
        return r.getHeader().getRevision();
    }

    @Override
    public long update(String key, byte[] value, long expected) {
        ByteSequence k = bytes(key);
        TxnResponse r = await(kv.txn().If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expected)))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT)).commit());
        if (!r.isSucceeded()) {
            throw new IllegalStateException(key + " changed");
        }
        return r.getHeader().getRevision();
    }

    @Override
    public long get(String key) {
        return await(kv.get(bytes(key))).getKvs().getFirst().getModRevision();
    }

    @Override
    public int list(String prefix, int pageSize) {
        GetResponse page = await(kv.get(bytes(prefix), GetOption.builder().isPrefix(true).withLimit(pageSize).build()));
        long revision = page.getHeader().getRevision();
        int count = page.getKvs().size();
        while (page.isMore()) {
            String last = page.getKvs().getLast().getKey().toString(StandardCharsets.UTF_8);
            page = await(kv.get(bytes(last + "\0"), GetOption.builder().withRange(bytes(prefixEnd(prefix)))
                    .withLimit(pageSize).withRevision(revision).build()));
            count += page.getKvs().size();
        }
        return count;
    }

    private static String prefixEnd(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    @Override
    public AutoCloseable watch(String prefix, Consumer<String> onKey) {
        long now = await(kv.get(bytes(prefix), GetOption.builder().withCountOnly(true).build())).getHeader().getRevision();
        Watch.Watcher watcher = client.getWatchClient().watch(bytes(prefix),
                WatchOption.builder().isPrefix(true).withRevision(now + 1).build(),
                response -> response.getEvents().forEach(e -> onKey.accept(e.getKeyValue().getKey().toString(StandardCharsets.UTF_8))));
        return watcher::close;
    }

    @Override
    public void close() {
        client.close();
    }
}
