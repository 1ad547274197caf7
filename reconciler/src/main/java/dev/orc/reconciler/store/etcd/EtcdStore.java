package dev.orc.reconciler.store.etcd;

import dev.orc.reconciler.store.Fence;
import dev.orc.reconciler.store.FencedWrites;
import dev.orc.reconciler.store.KeyExistsException;
import dev.orc.reconciler.store.KeyNotFoundException;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.Keys;
import dev.orc.reconciler.store.ListOptions;
import dev.orc.reconciler.store.Page;
import dev.orc.reconciler.store.RevisionCompactedException;
import dev.orc.reconciler.store.RevisionConflictException;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.Watch;
import dev.orc.reconciler.store.WatchListener;
import dev.orc.reconciler.store.etcd.EtcdCalls.EtcdFailure;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;

import javax.net.ssl.SSLException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static dev.orc.reconciler.store.etcd.EtcdCalls.bytes;

/**
 * The production store: etcd through jetcd. Create, update and guarded delete are single etcd
 * transactions comparing the key's create or mod revision; every call is bounded by the configured
 * timeout. etcd must accept requests of 2 MiB ({@code --max-request-bytes=2097152}): its default of
 * 1.5 MiB does not fit a value of {@link Store#MAX_VALUE_BYTES} together with its key.
 */
public final class EtcdStore implements Store {
    private static final int MAX_INBOUND_BYTES = 256 * 1024 * 1024;

    private final EtcdConfig config;
    private final Client client;
    private final KV kv;
    private final EtcdCalls calls;
    private final EtcdLeases leases;
    private final ScheduledExecutorService watchRetries;
    private final Set<EtcdWatch> watches = ConcurrentHashMap.newKeySet();

    private EtcdStore(EtcdConfig config, Client client) {
        this.config = config;
        this.client = client;
        this.kv = client.getKVClient();
        this.calls = new EtcdCalls(config.endpoints(), config.callTimeout());
        this.leases = new EtcdLeases(client.getLeaseClient(), calls);
        this.watchRetries = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("orc-etcd-watch-retry").unstarted(r));
    }

    /** Connects lazily: the first call fails (within the timeout) when no endpoint answers. */
    public static EtcdStore open(EtcdConfig config) {
        return new EtcdStore(config, client(config));
    }

    /** A raw jetcd client for the same configuration (the benchmark compares against it). */
    public static Client client(EtcdConfig config) {
        ClientBuilder builder = Client.builder()
                .endpoints(config.endpoints().toArray(String[]::new))
                .connectTimeout(config.callTimeout())
                .keepaliveTime(Duration.ofSeconds(30))
                .keepaliveTimeout(Duration.ofSeconds(10))
                .retryMaxDuration(config.callTimeout())
                .maxInboundMessageSize(MAX_INBOUND_BYTES);
        if (config.user() != null) {
            builder.user(bytes(config.user())).password(bytes(config.password()));
        }
        if (config.caFile() != null || config.certFile() != null) {
            try {
                builder.sslContext(ssl -> {
                    if (config.caFile() != null) {
                        ssl.trustManager(config.caFile().toFile());
                    }
                    if (config.certFile() != null) {
                        ssl.keyManager(config.certFile().toFile(), config.keyFile().toFile());
                    }
                });
            } catch (SSLException | IllegalArgumentException e) {
                throw new StoreException("cannot use the etcd TLS files (CA " + config.caFile() + ", certificate "
                        + config.certFile() + ", key " + config.keyFile() + "): " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    @Override
    public long currentRevision() {
        GetResponse r = calls.await(kv.get(bytes("\0"), GetOption.builder().withCountOnly(true).build()), "a revision read");
        return r.getHeader().getRevision();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        return get(key, false);
    }

    @Override
    public Optional<KeyValue> getWithoutQuorum(String key) {
        return get(key, true);
    }

    private Optional<KeyValue> get(String key, boolean serializable) {
        Keys.checkKey(key);
        GetResponse r = calls.await(kv.get(bytes(key), GetOption.builder().withSerializable(serializable).build()),
                "get " + key);
        return r.getKvs().stream().findFirst().map(EtcdStore::keyValue);
    }

    @Override
    public Page list(String prefix, ListOptions options) {
        return list(prefix, options, false);
    }

    @Override
    public Page listWithoutQuorum(String prefix, ListOptions options) {
        return list(prefix, options, true);
    }

    private Page list(String prefix, ListOptions options, boolean serializable) {
        String start = options.continueAfter() != null ? options.continueAfter() + "\0" : prefix.isEmpty() ? "\0" : prefix;
        String end = Keys.prefixEnd(prefix);
        GetOption.Builder option = GetOption.builder().withRange(bytes(end == null ? "\0" : end))
                .withRevision(options.revision()).withSerializable(serializable);
        if (options.limit() > 0) {
            option.withLimit(options.limit());
        }
        GetResponse r;
        try {
            r = calls.await(kv.get(bytes(start), option.build()), "list " + prefix);
        } catch (EtcdFailure e) {
            if (e.says("compacted")) {
                throw new RevisionCompactedException(options.revision(), options.revision());
            }
            throw e;
        }
        List<KeyValue> items = r.getKvs().stream().map(EtcdStore::keyValue).toList();
        long revision = options.revision() == 0 ? r.getHeader().getRevision() : options.revision();
        return new Page(items, revision, r.isMore() && !items.isEmpty() ? items.getLast().key() : null);
    }

    @Override
    public KeyValue create(String key, byte[] value, long lease) {
        Keys.checkWrite(key, value);
        ByteSequence k = bytes(key);
        Optional<Fence> fence = FencedWrites.current();
        TxnResponse r = write(kv.txn()
                .If(EtcdFence.conditions(fence, new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0))))
                .Then(Op.put(k, ByteSequence.from(value), putOption(lease)))
                .Else(EtcdFence.otherwise(fence))
                .commit(), "create " + key, lease);
        if (!r.isSucceeded()) {
            EtcdFence.check(fence, r, key);
            throw new KeyExistsException(key);
        }
        long revision = r.getHeader().getRevision();
        return new KeyValue(key, value, revision, revision, 1, lease);
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision, long lease) {
        Keys.checkWrite(key, value);
        ByteSequence k = bytes(key);
        Optional<Fence> fence = FencedWrites.current();
        TxnResponse r = write(kv.txn()
                .If(EtcdFence.conditions(fence, new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision))))
                .Then(Op.put(k, ByteSequence.from(value), putOption(lease)), Op.get(k, GetOption.builder().withKeysOnly(true).build()))
                .Else(EtcdFence.otherwise(fence, Op.get(k, GetOption.builder().withKeysOnly(true).build())))
                .commit(), "update " + key, lease);
        if (!r.isSucceeded()) {
            EtcdFence.check(fence, r, key);
            throw mismatch(key, expectedModRevision, r);
        }
        io.etcd.jetcd.KeyValue now = r.getGetResponses().getFirst().getKvs().getFirst();
        return new KeyValue(key, value, now.getCreateRevision(), now.getModRevision(), now.getVersion(), lease);
    }

    @Override
    public Optional<KeyValue> delete(String key, long expectedModRevision) {
        Keys.checkKey(key);
        ByteSequence k = bytes(key);
        DeleteOption withPrevious = DeleteOption.builder().withPrevKV(true).build();
        Optional<Fence> fence = FencedWrites.current();
        if (expectedModRevision == 0 && fence.isEmpty()) {
            DeleteResponse r = calls.await(kv.delete(k, withPrevious), "delete " + key);
            return r.getPrevKvs().stream().findFirst().map(EtcdStore::keyValue);
        }
        Cmp[] guard = expectedModRevision == 0 ? new Cmp[0]
                : new Cmp[] {new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision))};
        TxnResponse r = calls.await(kv.txn()
                .If(EtcdFence.conditions(fence, guard))
                .Then(Op.delete(k, withPrevious))
                .Else(EtcdFence.otherwise(fence, Op.get(k, GetOption.builder().withKeysOnly(true).build())))
                .commit(), "delete " + key);
        if (!r.isSucceeded()) {
            EtcdFence.check(fence, r, key);
            throw mismatch(key, expectedModRevision, r);
        }
        return r.getDeleteResponses().getFirst().getPrevKvs().stream().findFirst().map(EtcdStore::keyValue);
    }

    private static StoreException mismatch(String key, long expected, TxnResponse r) {
        List<io.etcd.jetcd.KeyValue> found = r.getGetResponses().getFirst().getKvs();
        if (found.isEmpty()) {
            return new KeyNotFoundException(key);
        }
        return new RevisionConflictException(key, expected, found.getFirst().getModRevision());
    }

    private TxnResponse write(CompletableFuture<TxnResponse> call, String what, long lease) {
        try {
            return calls.await(call, what);
        } catch (EtcdFailure e) {
            throw EtcdLeases.failure(lease, e);
        }
    }

    private static PutOption putOption(long lease) {
        return lease == 0 ? PutOption.DEFAULT : PutOption.builder().withLeaseId(lease).build();
    }

    static KeyValue keyValue(io.etcd.jetcd.KeyValue kv) {
        return new KeyValue(kv.getKey().toString(StandardCharsets.UTF_8), kv.getValue().getBytes(),
                kv.getCreateRevision(), kv.getModRevision(), kv.getVersion(), kv.getLease());
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        EtcdWatch[] self = new EtcdWatch[1];
        self[0] = new EtcdWatch(client.getWatchClient(), prefix, afterRevision, listener, watchRetries,
                config.watchRetryWindow(), () -> watches.remove(self[0]), EtcdWatch.MAX_BACKLOG);
        watches.add(self[0]);
        self[0].start();
        return self[0];
    }

    @Override
    public long grantLease(Duration ttl) {
        return leases.grant(ttl);
    }

    @Override
    public void keepAlive(long lease) {
        leases.keepAlive(lease);
    }

    @Override
    public void revokeLease(long lease) {
        leases.revoke(lease);
    }

    /** Compacts physically (waits until it is applied); compacting an already compacted revision does nothing. */
    @Override
    public void compact(long revision) {
        try {
            calls.await(kv.compact(revision, CompactOption.newBuilder().withCompactPhysical(true).build()),
                    "compaction to revision " + revision);
        } catch (EtcdFailure e) {
            if (!e.says("compacted")) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        for (EtcdWatch watch : List.copyOf(watches)) {
            watch.end(new StoreException("the etcd store was closed"));
        }
        watchRetries.shutdownNow();
        client.close();
    }
}
